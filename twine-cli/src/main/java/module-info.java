/**
 * The {@code twine} command: runs built-in commands ({@code echo}, {@code chat}, {@code wsecho},
 * {@code get}, {@code cert}, {@code web}, {@code hello}) and commands that other modules plug in
 * as {@link dev.twine.cli.TwineCommand} services.
 */
module dev.twine.cli {
  requires transitive dev.twine.core;
  requires transitive dev.twine.web;
  requires transitive info.picocli;
  requires java.logging;
  requires jdk.unsupported;
  requires static transitive org.jspecify;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;

  exports dev.twine.cli;

  // picocli reads and sets the annotated options reflectively.
  opens dev.twine.cli to info.picocli;
  opens dev.twine.cli.commands to info.picocli;

  uses dev.twine.cli.TwineCommand;

  provides dev.twine.cli.TwineCommand with
      dev.twine.cli.commands.CertCommand,
      dev.twine.cli.commands.ChatCommand,
      dev.twine.cli.commands.EchoCommand,
      dev.twine.cli.commands.GetCommand,
      dev.twine.cli.commands.HelloCommand,
      dev.twine.cli.commands.WebCommand,
      dev.twine.cli.commands.WsEchoCommand;
}
