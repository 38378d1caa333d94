package dev.twine.internet.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Presents a certificate chosen by the name the client asked for with SNI: an exact name first,
 * then a wildcard {@code *.example.com} for one more label, then the default. With no names it
 * presents the one key it has, for servers and for clients alike.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
  private static final String DEFAULT = "default";
  private static final String NAMED = "sni:";

  private final Map<String, CertifiedKey> byAlias = new LinkedHashMap<>();

  SniKeyManager(CertifiedKey defaultKey, Map<String, CertifiedKey> byHostname) {
    byAlias.put(DEFAULT, defaultKey);
    byHostname.forEach((name, key) -> byAlias.put(NAMED + name, key));
  }

  @Override
  public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers, SSLEngine engine) {
    String alias = byAlias.size() == 1 ? DEFAULT : aliasFor(requestedName(engine.getHandshakeSession()));
    return servingAlias(alias, keyType);
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return servingAlias(DEFAULT, keyType);
  }

  @Override
  public @Nullable String chooseEngineClientAlias(
      String[] keyTypes, Principal @Nullable [] issuers, SSLEngine engine) {
    return chooseClientAlias(keyTypes, issuers, null);
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
    for (String keyType : keyTypes) {
      String alias = servingAlias(DEFAULT, keyType);
      if (alias != null) {
        return alias;
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    return aliasesServing(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    return aliasesServing(keyType);
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    CertifiedKey key = byAlias.get(alias);
    return key == null ? null : key.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    CertifiedKey key = byAlias.get(alias);
    return key == null ? null : key.key();
  }

  /** Returns the alias for {@code name}: its own, its wildcard's, or the default. */
  private String aliasFor(@Nullable String name) {
    if (name == null) {
      return DEFAULT;
    }
    if (byAlias.containsKey(NAMED + name)) {
      return NAMED + name;
    }
    int dot = name.indexOf('.');
    String wildcard = dot > 0 ? NAMED + "*" + name.substring(dot) : null;
    return wildcard != null && byAlias.containsKey(wildcard) ? wildcard : DEFAULT;
  }

  private @Nullable String servingAlias(String alias, String keyType) {
    CertifiedKey key = byAlias.get(alias);
    return key != null && KeyTypes.serves(key.key().getAlgorithm(), keyType) ? alias : null;
  }

  private String[] aliasesServing(String keyType) {
    return byAlias.keySet().stream().filter(alias -> servingAlias(alias, keyType) != null).toArray(String[]::new);
  }

  private static @Nullable String requestedName(@Nullable SSLSession session) {
    if (!(session instanceof ExtendedSSLSession extended)) {
      return null;
    }
    List<SNIServerName> names = extended.getRequestedServerNames();
    for (SNIServerName name : names) {
      if (name.getType() == StandardConstants.SNI_HOST_NAME) {
        return (name instanceof SNIHostName host ? host.getAsciiName() : new SNIHostName(name.getEncoded())
            .getAsciiName()).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }
}
