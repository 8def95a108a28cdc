#include "adapters/server/chat_protocol.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "adapters/server/feedback_request.hpp"
#include "adapters/server/session_id.hpp"

namespace adapters::server {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxIdBytes = 128;

ChatReply error_reply(SharedState& state, const json::value* id, std::string_view code, std::string_view reason,
                      std::string_view message) {
  state.metrics().count_rejected(reason);
  json::object frame{{"type", "error"}};
  if (id) frame["id"] = *id;
  frame["code"] = code;
  frame["message"] = message;
  return {json::serialize(frame), "error", code, {}, 0};
}

constexpr std::string_view kTypes = "\"type\" must be \"ask\", \"feedback\" or \"reset\"";

// {"type":"feedback","answer_id":...,"helpful":bool,"comment":"optional"} -> {"type":"feedback",
// "answer_id":...,"recorded":bool} (false while learning is off or its queue is full).
ChatReply feedback(SharedState& state, const json::value* id, const json::object& message) {
  const auto parsed = parse_feedback(message);
  if (!parsed) return error_reply(state, id, "bad_request", "missing_field", parsed.error());
  bool recorded = false;
  if (auto* learning = state.learning()) {
    const auto outcome = learning->feedback(parsed->answer_id, parsed->helpful, parsed->comment);
    if (outcome == bot::FeedbackOutcome::unknown_answer)
      return error_reply(state, id, "unknown_answer", "unknown_answer",
                         "no recent answer has this answer_id; feedback is taken for the latest answers only");
    recorded = outcome == bot::FeedbackOutcome::recorded;
  }
  json::object frame{{"type", "feedback"}};
  if (id) frame["id"] = *id;
  frame["answer_id"] = parsed->answer_id;
  frame["recorded"] = recorded;
  return {json::serialize(frame), "feedback", {}, {}, 0};
}

bool is_valid_id(const json::value& id) {
  return (id.is_string() && !id.get_string().empty() && id.get_string().size() <= kMaxIdBytes) || id.is_int64() ||
         id.is_uint64();
}

}  // namespace

ChatState::ChatState(std::string session_id, bot::Conversation resumed, const ServerConfig& config,
                     bot::Channel channel)
    : session(std::move(session_id)),
      key(conversation_key(session)),
      conversation(std::move(resumed)),
      bucket(config.rate_per_second, config.rate_burst),
      channel(channel) {}

std::string hello_frame(const ChatState& chat, bool resumed) {
  return json::serialize(json::object{{"type", "hello"},
                                      {"session", chat.session},
                                      {"version", bot::Engine::version()},
                                      {"resumed", resumed}});
}

ChatReply handle_chat_message(SharedState& state, ChatState& chat, std::string_view message, bool binary) {
  if (binary)
    return error_reply(state, nullptr, "bad_request", "binary_frame",
                       "binary frames are not accepted; send JSON as text");

  boost::system::error_code ec;
  const json::value parsed = json::parse(message, ec);
  const json::object* object = ec ? nullptr : parsed.if_object();
  if (!object) return error_reply(state, nullptr, "bad_request", "invalid_json", "a message must be a JSON object");

  const json::value* id = object->if_contains("id");
  if (id && !is_valid_id(*id))
    return error_reply(state, nullptr, "bad_request", "missing_field",
                       "\"id\" must be an integer or a string of at most 128 bytes");
  // Rate-limit every well-formed message, after reading its id so the error can name it.
  if (!chat.bucket.try_take())
    return error_reply(state, id, "rate_limited", "rate_limited", "too many messages; slow down");

  const json::value* type = object->if_contains("type");
  if (!type || !type->is_string())
    return error_reply(state, id, "bad_request", "missing_field", kTypes);

  if (type->get_string() == "feedback") return feedback(state, id, *object);
  if (type->get_string() == "reset") {
    chat.conversation.reset();
    state.assistant().forget(chat.key);
    json::object frame{{"type", "reset"}};
    if (id) frame["id"] = *id;
    frame["session"] = chat.session;
    return {json::serialize(frame), "reset", {}, {}, 0};
  }
  if (type->get_string() != "ask")
    return error_reply(state, id, "unknown_type", "unknown_type", kTypes);

  if (!id) return error_reply(state, nullptr, "bad_request", "missing_field", "an ask needs an \"id\"");
  const json::value* text = object->if_contains("text");
  if (!text || !text->is_string())
    return error_reply(state, id, "bad_request", "missing_field", "an ask needs \"text\", a string");
  if (text->get_string().size() > bot::kMaxQuestionBytes)
    return error_reply(state, id, "too_large", "too_large",
                       "\"text\" is longer than " + std::to_string(bot::kMaxQuestionBytes) + " bytes");
  // The conversation is saved after every answer, so a reconnect with ?session= continues from here.
  auto turn = state.assistant().ask(chat.channel, chat.key, chat.conversation, text->get_string());
  if (!turn) return error_reply(state, id, "not_ready", "not_ready", "the knowledge base is loading");
  bot::Answer& answer = turn->answer;
  state.metrics().count_answer(answer.intent, turn->took);

  ChatReply reply{{}, "answer", {}, answer.intent, answer.confidence};
  json::object head;  // to_json reserves room for the answer's members
  head.emplace("type", "answer");
  head.emplace("id", *id);
  reply.frame = bot::serialize(bot::to_json(std::move(answer), std::move(head)));
  return reply;
}

ChatReply busy_chat_reply(SharedState& state, std::string_view message) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(message, ec);
  const json::object* object = ec ? nullptr : parsed.if_object();
  const json::value* id = object ? object->if_contains("id") : nullptr;
  return error_reply(state, id && is_valid_id(*id) ? id : nullptr, "busy", "busy",
                     "too many questions at once; send it again shortly");
}

bool is_valid_close_code(std::uint16_t code) {
  if (code >= 3000) return code <= 4999;  // for libraries, frameworks and applications
  return code >= 1000 && code <= 1014 && (code < 1004 || code > 1006);
}

bool is_valid_websocket_key(std::string_view key) {
  constexpr std::size_t kEncodedBytes = 24;  // 16 bytes make 22 characters and two of padding
  if (key.size() != kEncodedBytes || !key.ends_with("==")) return false;
  return std::all_of(key.begin(), key.end() - 2, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  });
}

}  // namespace adapters::server
