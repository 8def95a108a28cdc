// TLS for the terminal client and the load generator (wss://): the server's certificate is
// checked against the system's CA store (OpenSSL's default paths, which SSL_CERT_FILE and
// SSL_CERT_DIR override) and against the host the URL names, unless the user asks not to
// (--insecure, for a test server with a self-signed certificate).
#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

namespace adapters::terminal {

enum class TlsVerification { verify, insecure };

// A client context (TLS 1.2 or later). Loading the CA store is costly: build one per run and
// share it between streams.
boost::asio::ssl::context make_tls_client_context(TlsVerification verification);

// Prepares one connection's `ssl` before its handshake: SNI for a DNS name, and the name (or
// IP address) the certificate must be issued for. Throws boost::system::system_error.
void prepare_tls_client(SSL* ssl, const std::string& host);

// Why a TLS handshake on `ssl` failed, for a person: the certificate problem OpenSSL found
// ("self-signed certificate", "hostname mismatch", ...) when it refused the certificate,
// otherwise the error's own message.
std::string describe_tls_failure(const boost::system::error_code& error, const SSL* ssl);

}  // namespace adapters::terminal
