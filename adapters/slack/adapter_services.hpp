// What the server lends the platform adapters (Slack, Discord): its log, at its --log-level,
// its learning recorder, and its answer metrics (mlops_bot_answers_total and the latency histogram), so that answers
// given on a platform are counted with those given over WebSocket and HTTP.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "adapters/slack/adapter_log.hpp"
#include "bot/answer.hpp"
#include "bot/learning_recorder.hpp"

namespace adapters {

// Called once per answer with its intent and the time the engine took; from any thread.
using AnswerCounter = std::function<void(std::string_view intent, std::chrono::nanoseconds took)>;

struct AdapterServices {
  std::shared_ptr<AdapterLog> log = std::make_shared<AdapterLog>(LogLevel::info);
  AnswerCounter count_answer = [](std::string_view, std::chrono::nanoseconds) {};
  // Where answered questions are recorded (the server's learning loop); null: nowhere.
  std::shared_ptr<bot::LearningRecorder> learning;
};

// Runs `answering` (a call of the engine), counts its answer with the time it took, returns it.
template <class Answering>
bot::Answer counted(const AnswerCounter& count_answer, Answering&& answering) {
  const auto started = std::chrono::steady_clock::now();
  bot::Answer answer = answering();
  count_answer(answer.intent, std::chrono::steady_clock::now() - started);
  return answer;
}

// Runs `answering` (the engine answering `question`), counts its answer and records it for the
// learning loop as one from `channel`, returns it.
template <class Answering>
bot::Answer answered(const AdapterServices& services, bot::Channel channel, std::string_view question,
                     Answering&& answering) {
  const auto started = std::chrono::steady_clock::now();
  bot::Answer answer = answering();
  const auto took = std::chrono::steady_clock::now() - started;
  services.count_answer(answer.intent, took);
  if (services.learning) services.learning->answered(channel, question, answer, took);
  return answer;
}

}  // namespace adapters
