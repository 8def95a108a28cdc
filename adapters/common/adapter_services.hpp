// What the server lends the platform adapters (Slack, Discord): its log, at its --log-level,
// and its answer metrics (mlops_bot_answers_total and the latency histogram), so that answers
// given on a platform are counted with those given over WebSocket and HTTP.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "adapters/common/json_log.hpp"

namespace adapters {

// Called once per answer with its intent and the time the engine took; from any thread.
using AnswerCounter = std::function<void(std::string_view intent, std::chrono::nanoseconds took)>;

struct AdapterServices {
  std::shared_ptr<JsonLog> log = std::make_shared<JsonLog>(LogLevel::info);
  AnswerCounter count_answer = [](std::string_view, std::chrono::nanoseconds) {};
};

}  // namespace adapters
