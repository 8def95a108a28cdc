#include "adapters/terminal/tls_client.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace adapters::terminal {
namespace ssl = boost::asio::ssl;

namespace {

[[noreturn]] void throw_openssl_error(const char* what) {
  throw boost::system::system_error(static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category(), what);
}

}  // namespace

ssl::context make_tls_client_context(TlsVerification verification) {
  ssl::context context(ssl::context::tls_client);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  if (verification == TlsVerification::insecure) {
    context.set_verify_mode(ssl::verify_none);
  } else {
    context.set_default_verify_paths();
    context.set_verify_mode(ssl::verify_peer);
  }
  return context;
}

void prepare_tls_client(SSL* ssl, const std::string& host) {
  boost::system::error_code not_an_address;
  boost::asio::ip::make_address(host, not_an_address);
  if (not_an_address) {
    // SNI carries DNS names only (RFC 6066 §3); OpenSSL then checks the name in the certificate.
    if (!SSL_set_tlsext_host_name(ssl, host.c_str())) throw_openssl_error("SNI");
    if (!SSL_set1_host(ssl, host.c_str())) throw_openssl_error("host name check");
  } else if (!X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str())) {
    throw_openssl_error("IP address check");
  }
}

std::string describe_tls_failure(const boost::system::error_code& error, const SSL* ssl) {
  if (const long result = SSL_get_verify_result(ssl); result != X509_V_OK)
    return std::string("the server's certificate was refused: ") + X509_verify_cert_error_string(result) +
           " (--insecure skips the check, for a test server only)";
  return error.message();
}

}  // namespace adapters::terminal
