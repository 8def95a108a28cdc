#include "adapters/sessions/redis_learning_store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>
#include <utility>

#include "adapters/sessions/internal/redis_connection.hpp"
#include "bot/learning_tally.hpp"

namespace adapters::sessions {
namespace json = boost::json;
namespace {

using Clock = std::chrono::system_clock;

// A stream entry's one field: the event as JSON.
constexpr std::string_view kField = "r";
// How far before `since` a read starts: an entry's id is Redis's clock, its times a replica's.
constexpr std::chrono::minutes kClockMargin{5};

std::int64_t to_millis(Clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}
Clock::time_point from_millis(std::int64_t millis) {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(millis)));
}

std::optional<bot::Miss> miss_from_name(std::string_view name) {
  for (const auto miss : {bot::Miss::none, bot::Miss::out_of_scope, bot::Miss::low_confidence, bot::Miss::clarify,
                          bot::Miss::unhelpful})
    if (bot::miss_name(miss) == name) return miss;
  return std::nullopt;
}

json::object turn_json(const bot::AnsweredTurn& turn, bool with_question) {
  json::object object{{"answer_id", turn.answer_id},
                      {"at", to_millis(turn.at)},
                      {"channel", bot::channel_name(turn.channel)},
                      {"intent", turn.intent},
                      {"confidence", turn.confidence},
                      {"latency_us", turn.latency.count()},
                      {"miss", bot::miss_name(turn.miss)}};
  if (with_question) {
    object["question"] = turn.question;
    object["sources"] = turn.sources_json;
  }
  return object;
}

// Throws std::exception (boost::system::system_error, std::invalid_argument) for JSON that is
// not a turn.
bot::AnsweredTurn turn_from_json(const json::object& object) {
  const auto text = [&](std::string_view key) -> std::string {
    const auto* value = object.if_contains(key);
    return value ? std::string(value->as_string()) : std::string();
  };
  const auto channel = bot::channel_from_name(text("channel"));
  const auto miss = miss_from_name(text("miss"));
  if (!channel || !miss) throw std::invalid_argument("not a learning record");
  return bot::AnsweredTurn{text("answer_id"),
                           from_millis(object.at("at").to_number<std::int64_t>()),
                           *channel,
                           text("intent"),
                           object.at("confidence").to_number<double>(),
                           std::chrono::microseconds(object.at("latency_us").to_number<std::int64_t>()),
                           *miss,
                           text("question"),
                           text("sources")};
}

std::string event_json(const bot::LearningEvent& event) {
  if (const auto* answered = std::get_if<bot::SharedTurn>(&event))
    return json::serialize(json::object{{"answer", turn_json(**answered, (*answered)->miss != bot::Miss::none)}});
  const auto& [turn, verdict] = std::get<bot::FeedbackEvent>(event);
  return json::serialize(json::object{{"answer", turn_json(turn, true)},
                                      {"feedback",
                                       {{"at", to_millis(verdict.at)},
                                        {"helpful", verdict.helpful},
                                        {"comment", verdict.comment}}}});
}

// Empty for an entry this store did not write (or a later version's): skipped.
std::optional<bot::LearningEvent> event_from_json(std::string_view text) {
  try {
    const auto object = json::parse(text).as_object();
    auto turn = turn_from_json(object.at("answer").as_object());
    const auto* verdict = object.if_contains("feedback");
    if (!verdict) return std::make_shared<const bot::AnsweredTurn>(std::move(turn));
    const auto& fields = verdict->as_object();
    bot::Feedback feedback{turn.answer_id, from_millis(fields.at("at").to_number<std::int64_t>()),
                           fields.at("helpful").as_bool(), std::string(fields.at("comment").as_string())};
    return bot::FeedbackEvent{std::move(turn), std::move(feedback)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

// One connection, opened when first needed and again after it failed, with a back-off: after a
// failure, commands fail at once for retry_interval instead of each waiting for Redis.
class RedisLearningStore::Link {
 public:
  explicit Link(RedisLearningStore& store) : store_(store) {}

  // The reply of a command Redis carried out; throws std::runtime_error (never a secret).
  internal::RedisReply run(std::initializer_list<std::string_view> arguments) {
    std::lock_guard lock(mutex_);
    const auto& options = store_.options_;
    if (!connection_) {
      if (std::chrono::steady_clock::now() < retry_at_) throw std::runtime_error("Redis is unavailable");
      try {
        connection_ = std::make_unique<internal::RedisConnection>(options.endpoint, options.connect_timeout,
                                                                  options.command_timeout);
      } catch (const std::exception& error) {
        fail(error.what());
      }
    }
    auto reply = connection_->run(arguments);
    if (reply.status == internal::RedisReply::Status::failed) {
      connection_.reset();
      fail(reply.error);
    }
    if (reply.status == internal::RedisReply::Status::error_reply) {
      // Reachable, but refused (out of memory, a read-only replica): no back-off.
      store_.failed(reply.error);
      throw std::runtime_error("Redis refused: " + reply.error);
    }
    store_.succeeded();
    return reply;
  }

 private:
  [[noreturn]] void fail(const std::string& reason) {
    retry_at_ = std::chrono::steady_clock::now() + store_.options_.retry_interval;
    store_.failed(reason);
    throw std::runtime_error("Redis is unavailable: " + reason);
  }

  RedisLearningStore& store_;
  std::mutex mutex_;
  std::unique_ptr<internal::RedisConnection> connection_;  // guarded by mutex_
  std::chrono::steady_clock::time_point retry_at_{};       // guarded by mutex_
};

RedisLearningStore::RedisLearningStore(RedisLearningOptions options, HealthListener on_change)
    : options_(std::move(options)),
      stream_key_(options_.key_prefix + "records"),
      max_entries_(std::to_string(options_.max_entries)),
      answer_expiry_(std::to_string(options_.answer_expiry.count())),
      on_change_(std::move(on_change)),
      writer_(std::make_unique<Link>(*this)),
      lookup_(std::make_unique<Link>(*this)) {
  if (options_.max_entries == 0 || options_.read_batch == 0)
    throw std::invalid_argument("RedisLearningStore: the stream's cap and read batch must be positive");
  if (options_.answer_expiry < std::chrono::seconds(1))
    throw std::invalid_argument("RedisLearningStore: the answer expiry must be at least 1 s");
  if (options_.connect_timeout <= std::chrono::milliseconds::zero() ||
      options_.command_timeout <= std::chrono::milliseconds::zero())
    throw std::invalid_argument("RedisLearningStore: the timeouts must be positive");
}

RedisLearningStore::~RedisLearningStore() = default;

void RedisLearningStore::write(const std::vector<bot::LearningEvent>& events) {
  // One round trip per command on the writer's own thread; the first failure loses the rest of
  // the batch (the recorder counts it), so an outage costs one timeout, not one per event.
  for (const auto& event : events) {
    writer_->run({"XADD", stream_key_, "MAXLEN", "~", max_entries_, "*", kField, event_json(event)});
    if (const auto* answered = std::get_if<bot::SharedTurn>(&event))
      writer_->run({"SET", options_.key_prefix + "answer:" + (*answered)->answer_id,
                    json::serialize(turn_json(**answered, true)), "EX", answer_expiry_});
  }
}

void RedisLearningStore::prune(Clock::time_point now) {
  writer_->run({"XTRIM", stream_key_, "MINID", "=", std::to_string(to_millis(now - options_.retention))});
  writer_->run({"XTRIM", stream_key_, "MAXLEN", "=", max_entries_});
}

std::optional<bot::AnsweredTurn> RedisLearningStore::recent_answer(std::string_view answer_id) {
  const auto reply = lookup_->run({"GET", options_.key_prefix + "answer:" + std::string(answer_id)});
  if (!reply.value) return std::nullopt;
  try {
    return turn_from_json(json::parse(*reply.value).as_object());
  } catch (const std::exception&) {
    return std::nullopt;  // not written by this store
  }
}

std::vector<bot::LearningEvent> RedisLearningStore::read_since(Clock::time_point since) {
  Link reader(*this);
  std::vector<bot::LearningEvent> events;
  const auto from = std::max<std::int64_t>(0, to_millis(since - kClockMargin));
  std::string start = std::to_string(from);
  const std::string count = std::to_string(options_.read_batch);
  for (;;) {
    const auto reply = reader.run({"XRANGE", stream_key_, start, "+", "COUNT", count});
    for (const auto& entry : reply.elements) {
      // [id, [field, value]]
      if (entry.elements.size() != 2 || !entry.elements[0].value) continue;
      const auto& fields = entry.elements[1].elements;
      if (fields.size() == 2 && fields[1].value)
        if (auto event = event_from_json(*fields[1].value)) events.push_back(std::move(*event));
    }
    if (reply.elements.size() < options_.read_batch) break;
    const auto& last = reply.elements.back().elements;
    if (last.empty() || !last[0].value) break;
    start = "(" + *last[0].value;  // after the last entry read
  }
  return events;
}

std::vector<bot::UnansweredGroup> RedisLearningStore::unanswered(Clock::time_point since, std::size_t limit) {
  bot::LearningTally tally;
  for (const auto& event : read_since(since)) tally.add(event);
  return tally.unanswered(since, limit);
}

std::vector<bot::FeedbackEntry> RedisLearningStore::feedback(Clock::time_point since, std::size_t limit) {
  bot::LearningTally tally;
  for (const auto& event : read_since(since)) tally.add(event);
  return tally.feedback(since, limit);
}

std::vector<bot::DayStats> RedisLearningStore::stats(Clock::time_point since) {
  bot::LearningTally tally;
  for (const auto& event : read_since(since)) tally.add(event);
  return tally.stats(since);
}

void RedisLearningStore::failed(std::string_view reason) {
  {
    std::lock_guard lock(health_mutex_);
    if (!up_) return;
    up_ = false;
  }
  if (on_change_) on_change_(false, reason);
}

void RedisLearningStore::succeeded() {
  {
    std::lock_guard lock(health_mutex_);
    if (up_) return;
    up_ = true;
  }
  if (on_change_) on_change_(true, {});
}

}  // namespace adapters::sessions
