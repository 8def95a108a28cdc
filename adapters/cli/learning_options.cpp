#include "adapters/cli/learning_options.hpp"

#include <stdexcept>
#include <string>

#include "adapters/cli/number_option.hpp"
#include "adapters/cli/sessions_option.hpp"
#include "adapters/sessions/redis_learning_store.hpp"
#include "bot/learning_store.hpp"

namespace po = boost::program_options;

namespace cli {
namespace {

using RetentionDays = NumberOption<long, 1, 3650>;
using Rows = NumberOption<std::size_t, 1, 100'000'000>;
using QueueLength = NumberOption<std::size_t, 1, 1'000'000>;
using RecentAnswers = NumberOption<std::size_t, 0, 1'000'000>;
using Confidence = NumberOption<double, 0.0, 1.0>;
using StreamEntries = NumberOption<std::size_t, 1, 100'000'000>;

namespace server = adapters::server;

// The learning store replicas share, in the Redis --sessions names, with the outages logged.
std::shared_ptr<bot::LearningLog> make_shared_learning_store(adapters::sessions::RedisLearningOptions options,
                                                             const adapters::JsonLog& log) {
  const std::string where = redis_location(options.endpoint);
  return std::make_shared<adapters::sessions::RedisLearningStore>(
      std::move(options), [log, where](bool up, std::string_view reason) {
        if (up)
          log.write(adapters::LogLevel::warn,
                    adapters::LogLine().add("event", "learning_store_recovered").add("store", where));
        else
          log.write(adapters::LogLevel::warn,
                    adapters::LogLine()
                        .add("event", "learning_store_unavailable")
                        .add("store", where)
                        .add("error", reason)
                        .add("effect", "learning records are dropped (mlops_bot_learning_write_errors_total); "
                                       "answering goes on"));
      });
}

}  // namespace

void add_learning_db_option(po::options_description& description) {
  description.add_options()("learning-db", po::value<std::string>()->default_value("", "\"\""),
                            "the learning loop's SQLite file (default: learning.db beside --db); env "
                            "MLOPS_BOT_LEARNING_DB");
}

void add_learning_options(po::options_description& description) {
  const bot::LearningOptions defaults;
  const bot::LearningLimits limits;
  description.add_options()
      ("learning", po::value<std::string>()->default_value("on"),
       "on: record out-of-scope, unsure (below --learning-min-confidence) and clarifying answers with their "
       "question, feedback, and of every other answer its intent, confidence, latency and channel (never a "
       "session or user id); off: record nothing; env MLOPS_BOT_LEARNING");
  add_learning_db_option(description);
  description.add_options()
      ("learning-retention-days", po::value<RetentionDays>()->default_value({limits.retention.count()}),
       "days the learning records are kept; env MLOPS_BOT_LEARNING_RETENTION_DAYS")
      ("learning-max-rows", po::value<Rows>()->default_value({limits.max_rows}),
       "answers (and as many feedback rows) the learning file keeps at most, the oldest deleted first; env "
       "MLOPS_BOT_LEARNING_MAX_ROWS")
      ("learning-stream-max", po::value<StreamEntries>()->default_value({adapters::sessions::RedisLearningOptions{}.max_entries}),
       "with --sessions redis://...: every replica records to one Redis stream instead of a file, which keeps this "
       "many answers and feedback at most (each a few hundred bytes of Redis memory), the oldest trimmed first, and "
       "none older than --learning-retention-days; each answer with its question is also kept --session-idle "
       "seconds for feedback sent to another replica; while Redis is down records are dropped and counted "
       "(mlops_bot_learning_write_errors_total); env MLOPS_BOT_LEARNING_STREAM_MAX")
      ("learning-min-confidence", po::value<Confidence>()->default_value({defaults.min_confidence}),
       "an answer below this confidence is recorded with its question; env MLOPS_BOT_LEARNING_MIN_CONFIDENCE")
      ("learning-queue", po::value<QueueLength>()->default_value({defaults.queue_limit}),
       "records waiting to be written; beyond them records are dropped (mlops_bot_learning_dropped_total), "
       "never answers; env MLOPS_BOT_LEARNING_QUEUE")
      ("learning-recent-answers", po::value<RecentAnswers>()->default_value({defaults.recent_answers}),
       "latest answers feedback may name, kept in memory with their question (older ids get unknown_answer); env "
       "MLOPS_BOT_LEARNING_RECENT_ANSWERS");
}

std::filesystem::path learning_db_path(const po::variables_map& values, const std::filesystem::path& db_path) {
  const auto& given = values["learning-db"].as<std::string>();
  if (!given.empty()) return given;
  return db_path.parent_path() / "learning.db";
}

std::shared_ptr<bot::LearningLog> make_review_learning_store(const std::string& sessions,
                                                             const adapters::JsonLog& log) {
  if (!is_redis_setting(sessions)) return nullptr;
  adapters::sessions::RedisLearningOptions options;
  options.endpoint = redis_endpoint(sessions);
  return make_shared_learning_store(std::move(options), log);
}

std::shared_ptr<bot::LearningRecorder> make_learning_recorder(const po::variables_map& values,
                                                              const std::filesystem::path& db_path,
                                                              const std::string& sessions,
                                                              std::chrono::seconds session_idle,
                                                              const adapters::JsonLog& log) {
  const auto& mode = values["learning"].as<std::string>();
  if (mode == "off") return nullptr;
  if (mode != "on") throw std::invalid_argument("--learning (MLOPS_BOT_LEARNING) must be on or off, not '" + mode + "'");
  const std::chrono::days retention(values["learning-retention-days"].as<RetentionDays>().value);
  bot::LearningOptions options;
  options.min_confidence = values["learning-min-confidence"].as<Confidence>().value;
  options.queue_limit = values["learning-queue"].as<QueueLength>().value;
  options.recent_answers = values["learning-recent-answers"].as<RecentAnswers>().value;
  if (is_redis_setting(sessions)) {
    adapters::sessions::RedisLearningOptions shared;
    shared.endpoint = redis_endpoint(sessions);
    shared.max_entries = values["learning-stream-max"].as<StreamEntries>().value;
    shared.retention = retention;
    shared.answer_expiry = session_idle;
    const std::string where = redis_location(shared.endpoint);
    const auto max_entries = static_cast<std::int64_t>(shared.max_entries);
    auto recorder = std::make_shared<bot::LearningRecorder>(make_shared_learning_store(std::move(shared), log), options);
    log.write(adapters::LogLevel::info, adapters::LogLine()
                                          .add("event", "learning")
                                          .add("store", where)
                                          .add("max_entries", max_entries)
                                          .add("retention_days", static_cast<std::int64_t>(retention.count())));
    return recorder;
  }
  const auto path = learning_db_path(values, db_path);
  const bot::LearningLimits limits{retention, values["learning-max-rows"].as<Rows>().value};
  try {
    auto recorder = std::make_shared<bot::LearningRecorder>(std::make_shared<bot::LearningStore>(path, limits), options);
    log.write(adapters::LogLevel::info, adapters::LogLine()
                                          .add("event", "learning")
                                          .add("file", path.string())
                                          .add("retention_days", static_cast<std::int64_t>(limits.retention.count())));
    return recorder;
  } catch (const std::exception& error) {
    log.write(adapters::LogLevel::warn,
              adapters::LogLine()
                  .add("event", "learning_unavailable")
                  .add("error", error.what())
                  .add("effect", "nothing is recorded; answering goes on")
                  .add("remedy", "give --learning-db a writable file, or --learning off"));
    return nullptr;
  }
}

}  // namespace cli
