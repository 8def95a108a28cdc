// What the learning loop keeps of a turn: the answers worth a person's look (out of scope,
// unsure, a clarifying question, a 👎) with their question, and of every other answer only its
// intent, confidence, latency and channel (for the daily stats). Never a session or user id.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace bot {

// Where a question came from.
enum class Channel { ws, http, slack, discord, terminal };
std::string_view channel_name(Channel channel);
std::optional<Channel> channel_from_name(std::string_view name);

// Why an answer is worth a person's look; none for a confident answer nobody complained about.
enum class Miss { none, out_of_scope, low_confidence, clarify, unhelpful };
std::string_view miss_name(Miss miss);  // "" for none

// One answered question as the learning store keeps it.
struct AnsweredTurn {
  std::string answer_id;
  std::chrono::system_clock::time_point at;
  Channel channel = Channel::ws;
  std::string intent;
  double confidence = 0;
  std::chrono::microseconds latency{0};
  Miss miss = Miss::none;
  // The question (cut at kMaxQuestionBytes) and the answer's sources as a JSON array of
  // {doc, section}: only kept when `miss` is not none or the answer got feedback.
  std::string question;
  std::string sources_json;
};

// A person's verdict on one answer; the answer itself travels with it (AnsweredTurn).
struct Feedback {
  std::string answer_id;
  std::chrono::system_clock::time_point at;
  bool helpful = false;
  std::string comment;  // at most kMaxFeedbackCommentBytes
};

inline constexpr std::size_t kMaxFeedbackCommentBytes = 1000;

// Lower case, every run of ASCII punctuation and spaces made one space, trimmed: the key that
// groups "What is Kubeflow?" with "what is kubeflow". Bytes beyond ASCII are kept as they are.
std::string normalize_for_grouping(std::string_view question);

}  // namespace bot
