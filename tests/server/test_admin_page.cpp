// The admin page (GET /admin/, the web folder's admin/ files) and the unanswered questions as a
// question set (GET /admin/unanswered?format=jsonl) through the real server on loopback: the
// page exists only when the server has an admin token, needs no token itself (a browser asks
// for it without one), and carries the demo page's Content-Security-Policy.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "adapters/web/static_files.hpp"
#include "bot/learning_recorder.hpp"
#include "bot/learning_store.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr const char* kToken = "admin-token-for-tests-0123456789";
constexpr const char* kOutOfScope = "How do I bake sourdough bread?";

// The real server with the project's web folder, a learning file of its own and an admin token
// (or none).
class PageServer {
 public:
  explicit PageServer(std::string admin_token = kToken)
      : path_(std::filesystem::temp_directory_path() /
              ("mlops-bot-admin-page-" + std::to_string(getpid()) + "-" + std::to_string(++count_) + ".db")),
        learning_(std::make_shared<bot::LearningRecorder>(
            std::make_shared<bot::LearningStore>(path_, bot::LearningLimits{}), bot::LearningOptions{})),
        server_(ioc_, config(std::move(admin_token)), std::make_shared<bot::EngineHolder>(test::shared_engine()),
                std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30)),
                {std::make_shared<adapters::web::StaticFiles>()}, nullptr, learning_),
        thread_([this] { server_.run(); }) {}
  ~PageServer() {
    server_.stop();
    thread_.join();
    learning_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  unsigned short port() const { return server_.port(); }
  void flush() { learning_->flush(); }

 private:
  static adapters::server::ServerConfig config(std::string admin_token) {
    auto config = test::test_config();
    config.admin_token = std::move(admin_token);
    return config;
  }
  static inline int count_ = 0;
  std::filesystem::path path_;
  std::shared_ptr<bot::LearningRecorder> learning_;
  boost::asio::io_context ioc_;
  adapters::server::Server server_;
  std::thread thread_;
};

http::response<http::string_body> request(unsigned short port, std::string target, std::string authorization = {},
                                          http::verb verb = http::verb::get) {
  http::request<http::string_body> message{verb, target, 11};
  if (!authorization.empty()) message.set(http::field::authorization, authorization);
  return test::http_request(port, message);
}

// A HEAD request: its answer has GET's Content-Length and no body, which test::http_request's
// reader would wait for.
http::response<http::string_body> head(unsigned short port, std::string target) {
  boost::asio::io_context ioc;
  test::tcp::socket socket(ioc);
  auto ec = test::run_with_timeout(ioc, socket, [&](auto handler) {
    socket.async_connect(test::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), handler);
  });
  if (ec) throw boost::system::system_error(ec);
  http::request<http::string_body> message{http::verb::head, target, 11};
  message.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  ec = test::run_with_timeout(ioc, socket, [&](auto handler) { http::async_write(socket, message, handler); });
  if (ec) throw boost::system::system_error(ec);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(true);
  ec = test::run_with_timeout(ioc, socket, [&](auto handler) { http::async_read(socket, buffer, parser, handler); });
  if (ec) throw boost::system::system_error(ec);
  return parser.release();
}

const std::string kBearer = std::string("Bearer ") + kToken;

}  // namespace

TEST_CASE("without an admin token the admin page is not served either", "[admin][page]") {
  PageServer server("");
  for (const char* path : {"/admin/", "/admin/admin.js", "/admin/admin.css"}) {
    INFO(path);
    CHECK(request(server.port(), path).result() == http::status::not_found);
    CHECK(request(server.port(), path, kBearer).result() == http::status::not_found);
  }
  // The demo page beside it is served as before.
  CHECK(request(server.port(), "/").result() == http::status::ok);
}

TEST_CASE("the admin page: served without a token, with the demo page's CSP, GET and HEAD only", "[admin][page]") {
  PageServer server;
  const auto page = request(server.port(), "/admin/");
  REQUIRE(page.result() == http::status::ok);
  CHECK(page[http::field::content_type] == "text/html; charset=utf-8");
  CHECK(page["Content-Security-Policy"] == adapters::web::StaticFiles::kContentSecurityPolicy);
  CHECK(page.body().find("<script src=\"admin.js\"") != std::string::npos);
  // No inline script or style: the CSP would refuse them.
  CHECK(page.body().find("<script>") == std::string::npos);
  CHECK(page.body().find("<style") == std::string::npos);
  CHECK(page.body().find("style=") == std::string::npos);

  const auto script = request(server.port(), "/admin/admin.js");
  REQUIRE(script.result() == http::status::ok);
  CHECK(script[http::field::content_type] == "text/javascript; charset=utf-8");
  CHECK(script.body().find("Authorization") != std::string::npos);
  CHECK(request(server.port(), "/admin/admin.css").result() == http::status::ok);

  const auto headers = head(server.port(), "/admin/");
  CHECK(headers.result() == http::status::ok);
  CHECK(headers[http::field::content_length] == std::to_string(page.body().size()));
  CHECK(headers.body().empty());

  const auto post = request(server.port(), "/admin/", kBearer, http::verb::post);
  CHECK(post.result() == http::status::method_not_allowed);
  CHECK(post[http::field::allow] == "GET, HEAD");
  // Paths under /admin/ that are no page file and no view stay unknown; the views still want the token.
  CHECK(request(server.port(), "/admin/nothing.js").result() == http::status::not_found);
  CHECK(request(server.port(), "/admin/index.html").result() == http::status::not_found);
  CHECK(request(server.port(), "/admin/stats").result() == http::status::unauthorized);
}

TEST_CASE("GET /admin/unanswered?format=jsonl is the question set review --export writes", "[admin][page]") {
  PageServer server;
  test::WsClient client(server.port());
  REQUIRE(client.next().has_value());  // hello
  for (const char* id : {"1", "2"}) {
    client.ask(id, kOutOfScope);
    REQUIRE(client.next().has_value());
  }
  client.ask("3", "Who won the cricket world cup?");
  REQUIRE(client.next().has_value());
  server.flush();

  CHECK(request(server.port(), "/admin/unanswered?format=jsonl").result() == http::status::unauthorized);
  const auto response = request(server.port(), "/admin/unanswered?format=jsonl&since=1d", kBearer);
  REQUIRE(response.result() == http::status::ok);
  CHECK(response[http::field::content_type] == "application/x-ndjson; charset=utf-8");
  CHECK(response[http::field::content_disposition] == "attachment; filename=\"unanswered.jsonl\"");
  std::istringstream lines(response.body());
  std::string line;
  std::vector<json::object> rows;
  while (std::getline(lines, line)) rows.push_back(json::parse(line).as_object());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("text") == kOutOfScope);
  CHECK(rows[0].at("intent").is_null());
  CHECK(rows[0].at("count") == 2);
  CHECK(rows[0].at("miss") == "out_of_scope");
  CHECK(rows[0].at("suggestion").at("intent") == "out_of_scope");
  CHECK(rows[0].at("entities").as_object().empty());
  CHECK(rows[0].at("expect").as_object().empty());
  CHECK(request(server.port(), "/admin/unanswered?format=jsonl&limit=1", kBearer).body().find('\n') ==
        response.body().find('\n'));

  for (const char* bad :
       {"/admin/unanswered?format=csv", "/admin/stats?format=jsonl", "/admin/feedback?format=jsonl"}) {
    INFO(bad);
    CHECK(request(server.port(), bad, kBearer).result() == http::status::bad_request);
  }
  CHECK(request(server.port(), "/admin/unanswered?format=json", kBearer).result() == http::status::ok);
}
