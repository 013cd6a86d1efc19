package io.github.tsbackfill.testkit;

import java.nio.file.Path;

/**
 * A test server's TLS material, made at test time with a throw-away CA: the CA that signed the server's certificate,
 * another CA that did not, and the one host name the certificate names.
 */
public record TlsFiles(Path rootCert, Path otherRootCert, String certifiedHost) {
}
