package dev.twine.internet;

/** The transport an IP address belongs to. */
public enum AddressType {
  TCP,
  UDP
}
