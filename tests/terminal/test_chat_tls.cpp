// `chat` and `bench` over wss://: the real server (in this process) behind a TLS-terminating
// proxy whose self-signed certificate is made at test time, all on 127.0.0.1. The certificate
// is checked by default (the CA store, then the host), and --insecure skips the check.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "../server/server_fixture.hpp"

namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr auto kTuple = net::as_tuple(net::use_awaitable);

struct Certificate {
  std::string certificate_pem;
  std::string key_pem;
};

std::string pem_of(const std::function<int(BIO*)>& write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(write(bio.get()) == 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A self-signed P-256 certificate valid for the hour, for `subject_alt_name` ("IP:127.0.0.1").
Certificate self_signed(const char* subject_alt_name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  REQUIRE(key);
  std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), X509_free);
  X509* cert = certificate.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("mlops-bot test"), -1, -1,
                             0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, subject_alt_name);
  REQUIRE(extension);
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  REQUIRE(X509_sign(cert, key.get(), EVP_sha256()) > 0);
  return {pem_of([&](BIO* bio) { return PEM_write_bio_X509(bio, cert); }), pem_of([&](BIO* bio) {
            return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
          })};
}

// Accepts TLS on an ephemeral loopback port and relays the bytes to 127.0.0.1:`backend`, as
// an ingress terminating TLS in front of the server does.
class TlsProxy {
 public:
  TlsProxy(const Certificate& certificate, unsigned short backend) : backend_(backend) {
    tls_.use_certificate_chain(net::buffer(certificate.certificate_pem));
    tls_.use_private_key(net::buffer(certificate.key_pem), ssl::context::pem);
    acceptor_.open(tcp::v4());
    acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    net::co_spawn(ioc_, accept(), net::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TlsProxy() {
    ioc_.stop();
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }

 private:
  struct Session {
    Session(tcp::socket client, ssl::context& context) : tls(std::move(client), context), backend(tls.get_executor()) {}
    void close() {
      boost::system::error_code ignored;
      tls.lowest_layer().close(ignored);
      backend.close(ignored);
    }
    ssl::stream<tcp::socket> tls;
    tcp::socket backend;
  };

  net::awaitable<void> accept() {
    for (;;) {
      auto [error, client] = co_await acceptor_.async_accept(kTuple);
      if (error) co_return;
      net::co_spawn(ioc_, serve(std::make_shared<Session>(std::move(client), tls_)), net::detached);
    }
  }

  net::awaitable<void> serve(std::shared_ptr<Session> session) {
    // A client that refuses the certificate ends here, with a TLS alert.
    if (auto [error] = co_await session->tls.async_handshake(ssl::stream_base::server, kTuple); error) co_return;
    if (auto [error] = co_await session->backend.async_connect({net::ip::make_address("127.0.0.1"), backend_}, kTuple);
        error) {
      session->close();
      co_return;
    }
    net::co_spawn(ioc_, relay(session, session->tls, session->backend), net::detached);
    net::co_spawn(ioc_, relay(session, session->backend, session->tls), net::detached);
  }

  // One direction; when it ends, both sockets close, which ends the other.
  template <class From, class To>
  static net::awaitable<void> relay(std::shared_ptr<Session> session, From& from, To& to) {
    std::array<char, 16384> buffer;
    for (;;) {
      auto [read_error, size] = co_await from.async_read_some(net::buffer(buffer), kTuple);
      if (read_error) break;
      auto [write_error, written] = co_await net::async_write(to, net::buffer(buffer.data(), size), kTuple);
      if (write_error) break;
    }
    session->close();
  }

  unsigned short backend_;
  net::io_context ioc_;
  ssl::context tls_{ssl::context::tls_server};
  tcp::acceptor acceptor_{ioc_};
  std::thread thread_;
};

// A file removed when the test ends.
struct TemporaryFile {
  explicit TemporaryFile(const std::string& contents)
      : path(std::filesystem::temp_directory_path() /
             ("mlops-bot-test-ca-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".pem")) {
    std::ofstream(path) << contents;
  }
  ~TemporaryFile() { std::filesystem::remove(path); }
  std::filesystem::path path;
  static inline int count = 0;
};

// Runs a shell command line; its exit code, and its stdout and stderr in `output`.
int run_shell(const std::string& command, std::string& output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// `chat` asked one salary question on standard input, with `environment` ("VAR=value ...")
// and `flags` before the URL. The system's own CA store stays as it is unless `environment`
// moves it.
int chat(const std::string& environment, const std::string& flags, const std::string& url, std::string& output) {
  const std::string question = "printf 'What does an MLOps engineer with 3 years of experience earn?\\n' | ";
  const std::string command = "env -u SSL_CERT_FILE -u SSL_CERT_DIR " + environment + " " + MLOPS_BOT_BINARY + " chat";
  return run_shell(question + command + " " + flags + " " + url, output);
}

adapters::server::ServerConfig unlimited_config() {
  auto config = test::test_config();
  config.rate_per_second = 0;  // bench asks as fast as it is answered
  return config;
}

}  // namespace

TEST_CASE("chat over wss:// checks the certificate, and --insecure skips the check", "[tls][process]") {
  test::RunningServer server(unlimited_config());
  const auto certificate = self_signed("IP:127.0.0.1");
  TlsProxy proxy(certificate, server.port());
  const std::string url = "wss://127.0.0.1:" + std::to_string(proxy.port()) + "/v1/chat";

  SECTION("a self-signed certificate is refused by name, before any question") {
    std::string output;
    const int status = chat("", "", url, output);
    INFO(output);
    CHECK(status == 1);
    CHECK(output.find("self-signed certificate") != std::string::npos);
    CHECK(output.find("--insecure") != std::string::npos);
    CHECK(output.find("LPA") == std::string::npos);
  }
  SECTION("--insecure answers") {
    std::string output;
    const int status = chat("", "--insecure", url, output);
    INFO(output);
    CHECK(status == 0);
    CHECK(output.find("LPA") != std::string::npos);
  }
  SECTION("a certificate the CA store trusts, for the address asked, answers without --insecure") {
    const TemporaryFile trusted(certificate.certificate_pem);
    std::string output;
    const int status = chat("SSL_CERT_FILE=" + trusted.path.string(), "", url, output);
    INFO(output);
    CHECK(status == 0);
    CHECK(output.find("LPA") != std::string::npos);
  }
}

TEST_CASE("chat over wss:// refuses a trusted certificate issued for another host", "[tls][process]") {
  test::RunningServer server(unlimited_config());
  const auto certificate = self_signed("DNS:bot.example.test");
  TlsProxy proxy(certificate, server.port());
  const TemporaryFile trusted(certificate.certificate_pem);
  std::string output;
  const int status = chat("SSL_CERT_FILE=" + trusted.path.string(), "",
                          "wss://127.0.0.1:" + std::to_string(proxy.port()) + "/v1/chat", output);
  INFO(output);
  CHECK(status == 1);
  CHECK(output.find("IP address mismatch") != std::string::npos);
}

TEST_CASE("bench over wss:// checks the certificate, and --insecure measures", "[tls][process]") {
  test::RunningServer server(unlimited_config());
  TlsProxy proxy(self_signed("IP:127.0.0.1"), server.port());
  const std::string command = std::string("env -u SSL_CERT_FILE -u SSL_CERT_DIR ") + MLOPS_BOT_BINARY +
                              " bench -c 2 -d 0.5 --warmup 0 wss://127.0.0.1:" + std::to_string(proxy.port()) +
                              "/v1/chat";
  std::string refused;
  const int refused_status = run_shell(command, refused);
  INFO(refused);
  CHECK(refused_status == 1);
  CHECK(refused.find("self-signed certificate") != std::string::npos);
  CHECK(refused.find("bench --insecure") != std::string::npos);

  std::string measured;
  const int measured_status = run_shell(command + " --insecure", measured);
  INFO(measured);
  CHECK(measured_status == 0);
  CHECK(measured.find("connections 2 (failed 0)") != std::string::npos);
  CHECK(measured.find("errors 0, mismatched 0") != std::string::npos);
  CHECK(measured.find("answers 0,") == std::string::npos);
}
