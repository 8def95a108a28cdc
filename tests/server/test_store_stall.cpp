// A conversation store that stalls (Redis stopped with SIGSTOP: connections are accepted, nothing
// is answered) holds up only the questions that wait for it: they are answered on the
// assistant's threads, so the server's one I/O thread goes on serving every other connection at
// once, and when those threads are full a question gets 503 "busy" instead of a place in an
// unbounded queue. When Redis comes back, the question waiting for it is answered.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "adapters/server/server.hpp"
#include "adapters/sessions/redis_conversation_store.hpp"
#include "adapters/sessions/redis_learning_store.hpp"
#include "adapters/common/turn_pool.hpp"
#include "bot/assistant.hpp"
#include "redis_server.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

using namespace std::chrono_literals;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

// The Redis store, telling the test when a call has begun (so the test knows a question is
// waiting for Redis without guessing a time).
class ObservedStore final : public bot::ConversationStore {
 public:
  explicit ObservedStore(std::shared_ptr<bot::ConversationStore> store) : store_(std::move(store)) {}

  std::optional<bot::Conversation> load(std::string_view key) override {
    began();
    return store_->load(key);
  }
  void save(std::string_view key, const bot::Conversation& conversation) override {
    began();
    store_->save(key, conversation);
  }
  void erase(std::string_view key) override {
    began();
    store_->erase(key);
  }
  bot::StoreHealth health() const override { return store_->health(); }
  bool may_block() const override { return store_->may_block(); }

  // Waits until `count` calls have begun in all; false after `limit`.
  bool wait_for_calls(int count, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return calls_ >= count; });
  }

 private:
  void began() {
    std::lock_guard lock(mutex_);
    ++calls_;
    changed_.notify_all();
  }

  const std::shared_ptr<bot::ConversationStore> store_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int calls_ = 0;
};

http::request<http::string_body> ask_request(const std::string& text) {
  http::request<http::string_body> request{http::verb::post, "/v1/ask", 11};
  request.set(http::field::content_type, "application/json");
  request.body() = json::serialize(json::object{{"text", text}, {"session", "stall-test"}});
  return request;
}

http::request<http::string_body> get_request(const std::string& target) {
  return http::request<http::string_body>{http::verb::get, target, 11};
}

template <class F>
std::chrono::milliseconds time_of(F&& call) {
  const auto started = std::chrono::steady_clock::now();
  call();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

}  // namespace

TEST_CASE("a stalled Redis delays only the questions that wait for it", "[server][redis]") {
  test::RedisServer redis;
  adapters::sessions::RedisStoreOptions options;
  options.endpoint.host = "127.0.0.1";
  options.endpoint.port = redis.port();
  // Longer than the test holds Redis, so the question waits for Redis itself, not a timeout.
  options.command_timeout = 20s;
  auto store = std::make_shared<ObservedStore>(std::make_shared<adapters::sessions::RedisConversationStore>(options));

  // One thread answers questions and one may wait for it: the second question finds it full.
  auto turns = std::make_shared<adapters::TurnPool>(1, 1);
  // Feedback on an answer this replica does not hold is looked up in the same Redis.
  adapters::sessions::RedisLearningOptions learning_options;
  learning_options.endpoint = options.endpoint;
  learning_options.command_timeout = options.command_timeout;
  auto learning = std::make_shared<bot::LearningRecorder>(
      std::make_shared<adapters::sessions::RedisLearningStore>(learning_options), bot::LearningOptions{});
  auto assistant = std::make_shared<const bot::Assistant>(
      std::make_shared<bot::EngineHolder>(test::shared_engine()), store, learning,
      [turns](std::function<void()> work) { return turns->try_post(std::move(work)); });
  auto config = test::test_config();
  // One I/O thread: were a question answered on it, every other connection would wait too.
  config.threads = 1;
  boost::asio::io_context ioc;
  adapters::server::Server server(ioc, config, assistant);
  std::thread running([&] { server.run(); });
  const auto port = server.port();

  // Redis answers: a question is answered, and its conversation kept.
  REQUIRE(test::http_request(port, ask_request("What does an MLOps engineer with 3 years earn?")).result_int() == 200);

  redis.pause();
  const int calls_before = 2;  // the first question's load and save
  auto waiting =
      std::async(std::launch::async, [&] { return test::http_request(port, ask_request("and with 8 years?")); });
  REQUIRE(store->wait_for_calls(calls_before + 1, 10s));  // the question now waits for Redis

  // Everything that does not need Redis is answered at once (generous bounds: Redis is held
  // until the checks are done, so without the assistant's threads each would wait 20 s).
  http::response<http::string_body> health;
  CHECK(time_of([&] { health = test::http_request(port, get_request("/healthz")); }) < 500ms);
  CHECK(health.result_int() == 200);
  http::response<http::string_body> metrics;
  CHECK(time_of([&] { metrics = test::http_request(port, get_request("/metrics")); }) < 500ms);
  CHECK(metrics.result_int() == 200);
  std::optional<json::object> hello;
  CHECK(time_of([&] {
          test::WsClient chat(port);
          hello = chat.next();
        }) < 500ms);
  REQUIRE(hello);
  CHECK(hello->at("type") == "hello");

  // The assistant's one thread and its one place are taken: another question is refused, at once.
  http::response<http::string_body> refused;
  CHECK(time_of([&] { refused = test::http_request(port, ask_request("What is MLOps?")); }) < 500ms);
  CHECK(refused.result_int() == 503);
  CHECK(json::parse(refused.body()).at("error").at("code") == "busy");
  CHECK(refused[http::field::retry_after] == "1");
  // So is feedback, which would wait for Redis to look its answer up.
  http::request<http::string_body> feedback{http::verb::post, "/v1/feedback", 11};
  feedback.set(http::field::content_type, "application/json");
  feedback.body() = R"({"answer_id":"a-0123456789abcdef0123456789abcdef","helpful":true})";
  CHECK(time_of([&] { refused = test::http_request(port, feedback); }) < 500ms);
  CHECK(refused.result_int() == 503);
  CHECK(waiting.wait_for(0s) == std::future_status::timeout);

  // Redis comes back: the waiting question is answered, in its conversation.
  redis.resume();
  REQUIRE(waiting.wait_for(15s) == std::future_status::ready);
  const auto answered = waiting.get();
  CHECK(answered.result_int() == 200);
  const auto answer = json::parse(answered.body()).as_object();
  CHECK(answer.at("intent").at("name") == "salary.estimate");
  CHECK(answer.at("entities").at("experience_years").to_number<double>() == 8);

  server.stop();
  running.join();
}
