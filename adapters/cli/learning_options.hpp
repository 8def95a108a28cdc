// The learning loop's settings (--learning, --learning-db, ...), shared by `serve`, which
// records, and `review`, which reads what it recorded.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/program_options.hpp>

#include "adapters/common/json_log.hpp"
#include "bot/learning_recorder.hpp"

namespace cli {

// --learning-db only (review).
void add_learning_db_option(boost::program_options::options_description& description);
// Every setting of the learning loop (serve), --learning-db among them.
void add_learning_options(boost::program_options::options_description& description);

// --learning-db, or when it is empty learning.db beside the knowledge base `db_path`.
std::filesystem::path learning_db_path(const boost::program_options::variables_map& values,
                                       const std::filesystem::path& db_path);

// The recorder the settings ask for; null with --learning off, or (with a warning in `log`)
// when the file cannot be opened: answering matters more than recording. With `sessions` a
// redis://... URL (serve's --sessions), it records to a stream in that Redis, shared by the
// replicas, and answers stay there `session_idle` for feedback sent to another replica; a
// Redis that is down does not stop it (its outages go to `log`). Throws std::invalid_argument
// for a --learning other than on or off, or a --sessions URL that is not one.
std::shared_ptr<bot::LearningRecorder> make_learning_recorder(const boost::program_options::variables_map& values,
                                                              const std::filesystem::path& db_path,
                                                              const std::string& sessions,
                                                              std::chrono::seconds session_idle,
                                                              const adapters::JsonLog& log);

// For review: the records replicas share in the Redis `sessions` names (redis://...), or null
// when `sessions` is not a Redis URL (review then reads the learning file). Throws
// std::invalid_argument for a URL that is not one.
std::shared_ptr<bot::LearningLog> make_review_learning_store(const std::string& sessions,
                                                             const adapters::JsonLog& log);

}  // namespace cli
