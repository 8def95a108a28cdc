// The built server reloading its documents while it serves, as an operator runs it: clients
// ask without pause over HTTP and WebSocket while POST /admin/reload and SIGHUP reload again and
// again and a document is added; not one question fails, and the new document's figures are
// answered once its reload has finished. A failed reload keeps answering and says why; --watch
// picks up a new file, and a ConfigMap-style update, with no request at all.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/platforms/platform_client.hpp"
#include "tests/platforms/server_process.hpp"
#include "tests/server/test_client.hpp"

namespace fs = std::filesystem;
namespace http = boost::beast::http;
namespace json = boost::json;
using platforms_test::Environment;
using platforms_test::ServerProcess;
using namespace std::chrono_literals;

namespace {

constexpr const char* kToken = "reload-test-token-0123456789abcdef";
constexpr auto kReloadTimeout = 60s;  // a reload rebuilds the knowledge base: generous on a busy machine

// A role the seed never names, with its pay by experience; the mid band is what the tests ask.
std::string new_role_document(const std::string& mid_band = "₹14–23 LPA") {
  return "# Site Reliability Engineer Salary in India\n\n"
         "Site reliability engineers (SREs) keep production systems fast and available.\n\n"
         "## Salary at a glance\n\n"
         "**Entry level (0–2 yrs):** ₹7–11 LPA. Junior SREs handle on-call rotations and runbooks.\n\n"
         "**Mid level (3–5 yrs):** " +
         mid_band +
         ". Owns the reliability of a service.\n\n"
         "**Senior (6–9 yrs):** ₹26–41 LPA. Leads incident reviews and capacity planning.\n";
}
constexpr const char* kNewRoleFile = "site-reliability-engineer-salary-india.md";
constexpr const char* kNewRoleQuestion = "What does a site reliability engineer with 4 years earn?";
constexpr const char* kSeedQuestion = "What does an MLOps engineer with 3 years earn?";

// A folder of the test's own holding a corpus (the seed article) and the knowledge base.
class Workspace {
 public:
  explicit Workspace(const std::string& name)
      : folder_(fs::temp_directory_path() / ("mlops-bot-reload-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(folder_);
    fs::create_directories(corpus());
  }
  ~Workspace() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  fs::path folder() const { return folder_; }
  fs::path corpus() const { return folder_ / "corpus"; }
  void add_seed() { fs::copy(fs::path(MLOPS_BOT_SOURCE_DIR) / "knowledge/corpus", corpus()); }
  // Written elsewhere and renamed in, as a careful operator (or rsync) does.
  void add(const fs::path& relative, const std::string& text) const {
    const auto staged = folder_ / "staged";
    std::ofstream(staged) << text;
    fs::rename(staged, corpus() / relative);
  }
  std::vector<std::string> args(std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {"--corpus",         corpus().string(), "--db", (folder_ / "knowledge.db").string(),
                                     "--http-rate-limit", "0",              "--rate-limit", "0"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }

 private:
  fs::path folder_;
};

http::request<http::string_body> ask_request(const std::string& text) {
  http::request<http::string_body> request{http::verb::post, "/v1/ask", 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::content_type, "application/json");
  request.body() = json::serialize(json::object{{"text", text}});
  request.keep_alive(true);
  return request;
}

json::object ask(unsigned short port, const std::string& text) {
  const auto response = test::http_request(port, ask_request(text));
  REQUIRE(response.result() == http::status::ok);
  return json::parse(response.body()).as_object();
}

// Whether an answer gives the new role's band `min`–`max` (in LPA).
bool gives_band(const json::object& answer, double min, double max) {
  const auto* data = answer.if_contains("data");
  const auto* salary = data && data->is_object() ? data->as_object().if_contains("salary") : nullptr;
  if (!salary || !salary->is_object() || !salary->as_object().contains("min_lpa")) return false;
  return salary->at("min_lpa").to_number<double>() == min && salary->at("max_lpa").to_number<double>() == max;
}

http::response<http::string_body> reload(unsigned short port, const std::string& token = kToken) {
  http::request<http::string_body> request{http::verb::post, "/admin/reload", 11};
  if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
  return test::http_request(port, request);
}

// A gauge or counter of /metrics ("name" or "name{labels}"); -1 when absent.
double metric(unsigned short port, const std::string& series) {
  const auto text = platforms_test::get(port, "/metrics").body();
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

// Waits until /metrics shows `generation` (a reload nobody asked for by request: a signal or
// --watch), polling with a deadline.
bool wait_for_generation(unsigned short port, double generation, std::chrono::seconds deadline = kReloadTimeout) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (metric(port, "mlops_bot_knowledge_generation") >= generation) return true;
    std::this_thread::sleep_for(20ms);  // the poll's pace, under the deadline
  }
  return false;
}

// Waits until no reload runs (a signal's, say), polling /metrics with a deadline.
bool wait_for_idle(unsigned short port, std::chrono::seconds deadline = kReloadTimeout) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (metric(port, "mlops_bot_knowledge_reload_running") == 0) return true;
    std::this_thread::sleep_for(20ms);  // the poll's pace, under the deadline
  }
  return false;
}

// Clients that ask without pause, each on a connection of its own, and count what they get.
struct Askers {
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0}, new_band{0};
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::condition_variable progressed;
  std::vector<std::string> failures;

  // What went wrong, for a test's message.
  std::string failures_text() {
    std::lock_guard lock(mutex);
    std::string text;
    for (const auto& failure : failures) text += failure + "\n";
    return text;
  }

  void fail(const std::string& why) {
    std::lock_guard lock(mutex);
    ++failed;
    if (failures.size() < 10) failures.push_back(why);
    progressed.notify_all();
  }
  void record(const json::object& answer) {
    if (!answer.contains("intent")) return fail("an answer without an intent: " + json::serialize(answer));
    std::lock_guard lock(mutex);
    if (gives_band(answer, 14, 23)) ++new_band;
    ++answered;
    progressed.notify_all();
  }

  void start_http(unsigned short port) {
    threads.emplace_back([this, port] {
      try {
        test::RawConnection connection(port);
        for (int i = 0; !stop; ++i) {
          const auto response = connection.request(ask_request(i % 2 ? kNewRoleQuestion : kSeedQuestion));
          if (response.result() != http::status::ok) {
            fail("HTTP " + std::to_string(response.result_int()) + ": " + response.body());
            continue;
          }
          record(json::parse(response.body()).as_object());
        }
      } catch (const std::exception& error) {
        fail(std::string("HTTP client: ") + error.what());
      }
    });
  }
  void start_websocket(unsigned short port) {
    threads.emplace_back([this, port] {
      try {
        test::WsClient client(port);
        const auto hello = client.next();  // the session's greeting comes first
        if (!hello || hello->at("type") != "hello") return fail("WebSocket: no hello frame");
        for (int i = 0; !stop; ++i) {
          client.ask("q" + std::to_string(i), i % 2 ? kNewRoleQuestion : kSeedQuestion);
          const auto frame = client.next();
          if (!frame || frame->at("type") != "answer") {
            fail("WebSocket: " + (frame ? json::serialize(*frame) : client.error().message()));
            continue;
          }
          record(*frame);
        }
      } catch (const std::exception& error) {
        fail(std::string("WebSocket client: ") + error.what());
      }
    });
  }
  // Waits until `count` more questions have been answered (or one has failed).
  bool wait_for_answers(int count, std::chrono::seconds deadline = 30s) {
    std::unique_lock lock(mutex);
    const int target = answered + count;
    progressed.wait_for(lock, deadline, [&] { return answered >= target || failed > 0; });
    return answered >= target;
  }
  void join() {
    stop = true;
    for (auto& thread : threads) thread.join();
    threads.clear();
  }
  ~Askers() {
    if (!threads.empty()) join();
  }
};

}  // namespace

TEST_CASE("questions asked while the documents reload again and again are all answered", "[process][reload]") {
  Workspace workspace("under-load");
  workspace.add_seed();
  ServerProcess server({{"MLOPS_BOT_ADMIN_TOKEN", kToken}}, workspace.args());
  const auto port = server.port();
  CHECK(ask(port, kNewRoleQuestion).at("intent").at("name") == "out_of_scope");

  Askers askers;
  for (int i = 0; i < 3; ++i) askers.start_http(port);
  askers.start_websocket(port);
  askers.start_websocket(port);
  const bool answering = askers.wait_for_answers(20);
  INFO(askers.failures_text());
  REQUIRE(answering);

  int generation = 1;
  for (int round = 0; round < 6; ++round) {
    INFO("round " << round);
    if (round == 2) workspace.add(kNewRoleFile, new_role_document());
    const int answered_before = askers.answered;
    if (round % 2 == 0) {
      // A SIGHUP reload may still run: then 409, and the request is made again once it is done.
      auto response = reload(port);
      for (int tries = 0; response.result() == http::status::conflict && tries < 10; ++tries) {
        REQUIRE(wait_for_idle(port));
        response = reload(port);
      }
      REQUIRE(response.result() == http::status::ok);
      const auto body = json::parse(response.body()).as_object();
      CHECK(body.at("status") == "ok");
      generation = static_cast<int>(body.at("generation").as_int64());
      CHECK(body.at("documents").as_int64() == (round >= 2 ? 2 : 1));
      // Questions were answered while the reload ran, not only before and after it.
      CHECK(askers.answered > answered_before);
    } else {
      server.send_signal(SIGHUP);
      REQUIRE(wait_for_generation(port, ++generation));
    }
    const bool still_answering = askers.wait_for_answers(10);
    INFO(askers.failures_text());
    REQUIRE(still_answering);
    if (round >= 2) CHECK(gives_band(ask(port, kNewRoleQuestion), 14, 23));
  }
  // The askers too get the new document's figures once its reload has finished.
  const int new_band_before = askers.new_band;
  REQUIRE(askers.wait_for_answers(20));
  CHECK(askers.new_band > new_band_before);
  askers.join();
  INFO(server.log());
  INFO(askers.failures_text());
  CHECK(askers.failed == 0);
  CHECK(askers.answered > 100);
  CHECK(metric(port, "mlops_bot_knowledge_generation") == generation);
  CHECK(metric(port, "mlops_bot_knowledge_reloads_total{status=\"ok\"}") == generation - 1);
  CHECK(metric(port, "mlops_bot_knowledge_reloads_total{status=\"failed\"}") == 0);
  CHECK(metric(port, "mlops_bot_knowledge_reload_last_status") == 1);
  CHECK(server.log().find(R"("event":"reload","trigger":"SIGHUP")") != std::string::npos);
  CHECK(server.log().find(R"("event":"reload","trigger":"POST /admin/reload")") != std::string::npos);
  CHECK(server.log().find(kToken) == std::string::npos);
}

TEST_CASE("a failed reload keeps the old documents answering and says why", "[process][reload]") {
  Workspace workspace("failed");
  workspace.add_seed();
  // The token from a file, as a Kubernetes Secret mounts it: its newline is not part of it.
  std::ofstream(workspace.folder() / "token") << kToken << "\n";
  ServerProcess server({{"MLOPS_BOT_ADMIN_TOKEN_FILE", (workspace.folder() / "token").string()}}, workspace.args());
  const auto port = server.port();
  CHECK(reload(port, "wrong-token-0123456789abcdef").result() == http::status::unauthorized);

  // The corpus folder emptied: the build fails, the old knowledge answers on.
  const auto aside = workspace.folder() / "aside";
  fs::create_directories(aside);
  for (const auto& entry : fs::directory_iterator(workspace.corpus()))
    fs::rename(entry.path(), aside / entry.path().filename());
  const auto before = std::chrono::system_clock::now();
  const auto response = reload(port);
  REQUIRE(response.result() == http::status::internal_server_error);
  const auto body = json::parse(response.body()).as_object();
  CHECK(body.at("status") == "failed");
  CHECK(body.at("generation").as_int64() == 1);
  CHECK(body.at("documents").as_int64() == 1);
  CHECK(body.at("error").at("code") == "reload_failed");
  CHECK(std::string(body.at("error").at("message").as_string()).find("no documents") != std::string::npos);
  CHECK(ask(port, kSeedQuestion).at("intent").at("name") == "salary.estimate");
  CHECK(metric(port, "mlops_bot_knowledge_generation") == 1);
  CHECK(metric(port, "mlops_bot_knowledge_reload_last_status") == 0);
  CHECK(metric(port, "mlops_bot_knowledge_reloads_total{status=\"failed\"}") == 1);
  const double finished = metric(port, "mlops_bot_knowledge_reload_last_timestamp_seconds");
  CHECK(finished >= std::chrono::duration<double>(before.time_since_epoch()).count() - 1);
  CHECK(server.wait_for_log(R"("event":"reload_failed","trigger":"POST /admin/reload")", 5s));
  CHECK(server.log().find("no documents") != std::string::npos);

  // The documents back, and the document added, a SIGHUP reloads them.
  for (const auto& entry : fs::directory_iterator(aside))
    fs::rename(entry.path(), workspace.corpus() / entry.path().filename());
  workspace.add(kNewRoleFile, new_role_document());
  server.send_signal(SIGHUP);
  REQUIRE(wait_for_generation(port, 2));
  CHECK(metric(port, "mlops_bot_knowledge_reload_last_status") == 1);
  CHECK(gives_band(ask(port, kNewRoleQuestion), 14, 23));
  CHECK(server.log().find(kToken) == std::string::npos);
}

TEST_CASE("without MLOPS_BOT_ADMIN_TOKEN the admin route is absent, and a weak token stops start-up",
          "[process][reload]") {
  Workspace workspace("no-token");
  workspace.add_seed();
  {
    ServerProcess server({}, workspace.args());
    CHECK(reload(server.port()).result() == http::status::not_found);
    CHECK(reload(server.port(), "").result() == http::status::not_found);
    // SIGHUP still reloads: a signal needs no token.
    server.send_signal(SIGHUP);
    CHECK(wait_for_generation(server.port(), 2));
  }
  for (const auto& token : {std::string("x7Kq9z"), std::string("x7Kq9z spaced 0123456789")}) {
    std::string output;
    Environment environment{{"MLOPS_BOT_ADMIN_TOKEN", token}, {"MLOPS_BOT_HOST", "127.0.0.1"}, {"MLOPS_BOT_PORT", "0"}};
    CHECK(platforms_test::run_command({"serve"}, environment, output) == 2);
    INFO(output);
    CHECK(output.find("MLOPS_BOT_ADMIN_TOKEN") != std::string::npos);
    CHECK(output.find(token) == std::string::npos);
  }
}

TEST_CASE("serve --watch picks up a new document with no request", "[process][reload][watch]") {
  Workspace workspace("watch");
  workspace.add_seed();
  ServerProcess server({}, workspace.args({"--watch", "--watch-debounce", "100"}));
  const auto port = server.port();
  REQUIRE(server.wait_for_log(R"("event":"watching")", 5s));
  CHECK(ask(port, kNewRoleQuestion).at("intent").at("name") == "out_of_scope");
  fs::create_directories(workspace.corpus() / "roles");
  workspace.add("roles/" + std::string(kNewRoleFile), new_role_document());
  REQUIRE(wait_for_generation(port, 2));
  CHECK(gives_band(ask(port, kNewRoleQuestion), 14, 23));
  CHECK(server.wait_for_log(R"("event":"reload","trigger":"corpus changed")", 5s));
}

TEST_CASE("serve --watch picks up a ConfigMap update, which swaps the ..data symlink", "[process][reload][watch]") {
  Workspace workspace("configmap");
  const auto corpus = workspace.corpus();
  // The ConfigMap volume as the kubelet lays it out: each key a link through "..data".
  const auto write_version = [&](const std::string& version, const std::string& mid_band) {
    fs::create_directories(corpus / version);
    fs::copy(fs::path(MLOPS_BOT_SOURCE_DIR) / "knowledge/corpus/mlops-engineer-salary-india.txt",
             corpus / version / "mlops-engineer-salary-india.txt");
    std::ofstream(corpus / version / kNewRoleFile) << new_role_document(mid_band);
  };
  write_version("..2024_01_01_00_00_00.1", "₹9–12 LPA");
  fs::create_directory_symlink("..2024_01_01_00_00_00.1", corpus / "..data");
  for (const std::string key : {"mlops-engineer-salary-india.txt", kNewRoleFile})
    fs::create_symlink("..data/" + key, corpus / key);

  ServerProcess server({}, workspace.args({"--watch", "--watch-debounce", "100"}));
  const auto port = server.port();
  REQUIRE(server.wait_for_log(R"("event":"watching")", 5s));
  CHECK(gives_band(ask(port, kNewRoleQuestion), 9, 12));

  // The kubelet's update: the keys' links stay as they are; only "..data" moves.
  write_version("..2024_01_02_00_00_00.2", "₹14–23 LPA");
  fs::create_directory_symlink("..2024_01_02_00_00_00.2", corpus / "..data_tmp");
  fs::rename(corpus / "..data_tmp", corpus / "..data");
  fs::remove_all(corpus / "..2024_01_01_00_00_00.1");
  REQUIRE(wait_for_generation(port, 2));
  CHECK(gives_band(ask(port, kNewRoleQuestion), 14, 23));
}
