// The Slack adapter as the server sees it: one HttpHandler that claims /slack/events and
// /slack/commands when a signing secret is configured, and that owns the Socket Mode
// connection when an app-level token is configured.
#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "adapters/common/http_handler.hpp"
#include "adapters/common/adapter_services.hpp"
#include "adapters/slack/slack_config.hpp"
#include "bot/assistant.hpp"

namespace adapters::slack {

// Outgoing calls (chat.postMessage, Socket Mode) run on `executor`, which must outlive the
// adapter's work (the server's io_context). Socket Mode starts at once when configured, and
// stops when the returned handler is destroyed. Questions are answered by `assistant`. Logs
// to services.log and counts every answer with services.count_answer. Throws
// std::invalid_argument when config.api_base is not an http(s) URL.
std::shared_ptr<HttpHandler> make_slack_adapter(const SlackConfig& config,
                                                std::shared_ptr<const bot::Assistant> assistant,
                                                boost::asio::any_io_executor executor, AdapterServices services);

}  // namespace adapters::slack
