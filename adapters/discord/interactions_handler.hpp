// Discord's interactions endpoint on the bot's server: POST /discord/interactions. Verifies
// every request's Ed25519 signature and the age of its timestamp (401 otherwise: Discord
// probes with bad signatures and drops endpoints that accept them), answers PING, answers
// /ask in the response itself, and records a click on an answer's 👍/👎 button (a
// MESSAGE_COMPONENT interaction), thanking the person in an ephemeral reply.
#pragma once

#include <memory>

#include "adapters/common/adapter_services.hpp"
#include "adapters/common/http_handler.hpp"
#include "adapters/discord/discord_config.hpp"
#include "adapters/discord/interaction_signature.hpp"
#include "bot/assistant.hpp"

namespace adapters::discord {

inline constexpr std::string_view kAskCommand = "ask";
inline constexpr std::string_view kQuestionOption = "question";

// Thread safety: handle() may run on several threads at once. Each question is answered by
// `assistant`, in the conversation of its channel and user.
class InteractionsHandler final : public HttpHandler {
 public:
  InteractionsHandler(InteractionVerifier verifier, std::shared_ptr<const bot::Assistant> assistant,
                      AdapterServices services);

  bool handles(std::string_view path) const override;
  // /ask waits for the conversation store, a feedback click for the learning store.
  bool waits_for_store(std::string_view path) const override { return handles(path); }
  HttpResponse handle(const HttpRequest& request) override;

 private:
  // The response to a verified interaction; {} for one this bot does not handle.
  boost::json::object respond(const boost::json::object& interaction) const;
  // A click on a message component: a feedback button's is recorded; the reply (ephemeral) says
  // so, or why not (an unknown or malformed custom_id, an answer too old, learning off).
  boost::json::object on_component(const boost::json::object& interaction) const;

  const InteractionVerifier verifier_;
  const std::shared_ptr<const bot::Assistant> assistant_;
  const AdapterServices services_;
};

// The handler for `config`; answers in the request, so it needs no executor. Logs to
// services.log (a refused request at most once per JsonLog::kLimitInterval) and counts
// every answer with services.count_answer. Throws std::invalid_argument when
// config.public_key is not 64 hex digits.
std::shared_ptr<HttpHandler> make_discord_adapter(const DiscordConfig& config,
                                                  std::shared_ptr<const bot::Assistant> assistant,
                                                  AdapterServices services);

}  // namespace adapters::discord
