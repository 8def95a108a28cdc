// `mlops-bot serve`: the chat server (adapters/server) with every setting from a flag or an
// MLOPS_BOT_* environment variable (a flag wins).
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <memory>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/asio/io_context.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/discord/interactions_handler.hpp"
#include "adapters/server/server.hpp"
#include "adapters/slack/slack_adapter.hpp"
#include "adapters/web/static_files.hpp"
#include "bot/memory_conversation_store.hpp"

namespace po = boost::program_options;
namespace server = adapters::server;

namespace cli {
namespace {

// "MLOPS_BOT_MAX_BODY_BYTES" -> "max-body-bytes" when that is an option of `description`.
std::string option_for_variable(const po::options_description& description, const std::string& variable) {
  constexpr std::string_view kPrefix = "MLOPS_BOT_";
  if (!variable.starts_with(kPrefix)) return {};
  std::string name = variable.substr(kPrefix.size());
  for (auto& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return description.find_nothrow(name, false) ? name : std::string{};
}

server::LogLevel parse_log_level(const std::string& text) {
  if (text == "debug") return server::LogLevel::debug;
  if (text == "info") return server::LogLevel::info;
  if (text == "warn") return server::LogLevel::warn;
  if (text == "off") return server::LogLevel::off;
  throw po::validation_error(po::validation_error::invalid_option_value, "log-level", text);
}

// Each connection is a file descriptor: let the process have as many as it is allowed.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The HTTP handlers of the other adapters, in the order the server asks them: Slack and
// Discord when their environment configures them, then the web widget's files (which claim
// "/"). Slack's outgoing calls run on the server's io_context.
std::vector<std::shared_ptr<adapters::HttpHandler>> other_adapters(boost::asio::io_context& ioc,
                                                                   const std::shared_ptr<const bot::Engine>& engine,
                                                                   const std::shared_ptr<bot::ConversationStore>& store,
                                                                   const std::filesystem::path& web_dir,
                                                                   const server::JsonLog& log) {
  std::vector<std::shared_ptr<adapters::HttpHandler>> handlers;
  if (const auto slack = adapters::slack::SlackConfig::from_environment())
    handlers.push_back(adapters::slack::make_slack_adapter(*slack, engine, store, ioc.get_executor()));
  if (const auto discord = adapters::discord::DiscordConfig::from_environment())
    handlers.push_back(adapters::discord::make_discord_adapter(*discord, engine, store));
  try {
    handlers.push_back(std::make_shared<adapters::web::StaticFiles>(web_dir));
  } catch (const std::exception& error) {
    // The chat API works without the demo page: say why it is missing and serve the rest.
    log.write(server::LogLevel::warn, server::LogLine().add("event", "no_web_widget").add("error", error.what()));
  }
  return handlers;
}

}  // namespace

int run_serve(Args args) {
  const auto started = std::chrono::steady_clock::now();
  const server::ServerConfig defaults;
  // Wide lines, so no variable name is broken across two.
  po::options_description description("serve options (each also from the environment variable shown)", 120, 60);
  description.add_options()
      ("host", po::value<std::string>()->default_value(defaults.host), "address to listen on; env MLOPS_BOT_HOST")
      ("port", po::value<unsigned short>()->default_value(defaults.port),
       "port (0: any free one, printed in the \"listening\" log line); env MLOPS_BOT_PORT")
      ("threads", po::value<unsigned>()->default_value(0), "I/O threads (0: one per usable core); env MLOPS_BOT_THREADS")
      ("allowed-origins", po::value<std::string>()->default_value(""),
       "comma-separated origins allowed for CORS and WebSocket (\"*\": any); same-origin and localhost are "
       "always allowed; env MLOPS_BOT_ALLOWED_ORIGINS")
      ("max-connections", po::value<std::size_t>()->default_value(defaults.max_connections),
       "open connections at most, beyond which 503; env MLOPS_BOT_MAX_CONNECTIONS")
      ("max-message-bytes", po::value<std::size_t>()->default_value(defaults.max_message_bytes),
       "largest WebSocket message (larger: close 1009); env MLOPS_BOT_MAX_MESSAGE_BYTES")
      ("max-body-bytes", po::value<std::size_t>()->default_value(defaults.max_body_bytes),
       "largest HTTP body (larger: 413); env MLOPS_BOT_MAX_BODY_BYTES")
      ("max-header-bytes", po::value<std::size_t>()->default_value(defaults.max_header_bytes),
       "largest HTTP header block (larger: 431); env MLOPS_BOT_MAX_HEADER_BYTES")
      ("write-queue-limit", po::value<std::size_t>()->default_value(defaults.write_queue_limit),
       "answers queued for a WebSocket client that does not read before it is dropped; env MLOPS_BOT_WRITE_QUEUE_LIMIT")
      ("http-timeout", po::value<long>()->default_value(defaults.http_timeout.count()),
       "seconds to read an HTTP request, and to keep an idle connection; env MLOPS_BOT_HTTP_TIMEOUT")
      ("rate-limit", po::value<double>()->default_value(defaults.rate_per_second),
       "WebSocket messages per second per connection (0: no limit); env MLOPS_BOT_RATE_LIMIT")
      ("rate-burst", po::value<double>()->default_value(defaults.rate_burst),
       "WebSocket messages a connection may send at once; env MLOPS_BOT_RATE_BURST")
      ("max-sessions", po::value<std::size_t>()->default_value(defaults.max_sessions),
       "conversations kept for resuming; env MLOPS_BOT_MAX_SESSIONS")
      ("session-idle", po::value<long>()->default_value(defaults.session_idle.count()),
       "seconds a conversation is kept unused; env MLOPS_BOT_SESSION_IDLE")
      ("shutdown-grace", po::value<long>()->default_value(defaults.shutdown_grace.count()),
       "milliseconds to wait for clients on SIGINT/SIGTERM; env MLOPS_BOT_SHUTDOWN_GRACE")
      ("web-dir", po::value<std::string>()->default_value(adapters::web::StaticFiles::default_dir().string()),
       "folder of the web widget and demo page, read at start; env MLOPS_BOT_WEB_DIR")
      ("log-level", po::value<std::string>()->default_value("info"),
       "debug (adds question text), info (a line per request or message), warn, off; env MLOPS_BOT_LOG_LEVEL");
  add_engine_options(description);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot serve [OPTIONS]", description, {}, values, exit_code)) return exit_code;
  try {
    po::store(po::parse_environment(description,
                                    [&](const std::string& variable) { return option_for_variable(description, variable); }),
              values);
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "mlops-bot serve: environment: " << error.what() << "\n";
    return 2;
  }

  server::ServerConfig config;
  config.host = values["host"].as<std::string>();
  config.port = values["port"].as<unsigned short>();
  config.threads = values["threads"].as<unsigned>();
  const auto origins = values["allowed-origins"].as<std::string>();
  if (!origins.empty()) boost::split(config.allowed_origins, origins, boost::is_any_of(", "), boost::token_compress_on);
  config.max_connections = values["max-connections"].as<std::size_t>();
  config.max_message_bytes = values["max-message-bytes"].as<std::size_t>();
  config.max_body_bytes = values["max-body-bytes"].as<std::size_t>();
  config.max_header_bytes = values["max-header-bytes"].as<std::size_t>();
  config.write_queue_limit = values["write-queue-limit"].as<std::size_t>();
  config.http_timeout = std::chrono::seconds(values["http-timeout"].as<long>());
  config.rate_per_second = values["rate-limit"].as<double>();
  config.rate_burst = values["rate-burst"].as<double>();
  config.max_sessions = values["max-sessions"].as<std::size_t>();
  config.session_idle = std::chrono::seconds(values["session-idle"].as<long>());
  config.shutdown_grace = std::chrono::milliseconds(values["shutdown-grace"].as<long>());
  config.log_level = parse_log_level(values["log-level"].as<std::string>());
  if (config.max_sessions == 0 || config.write_queue_limit == 0 || config.max_message_bytes == 0) {
    std::cerr << "mlops-bot serve: --max-sessions, --write-queue-limit and --max-message-bytes must be positive\n";
    return 2;
  }

  raise_descriptor_limit();
  // Everything costly happens before the port opens, so the first request finds it ready.
  auto engine = bot::Engine::open(engine_options_from(values));
  auto store = std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
  boost::asio::io_context ioc;
  auto handlers = other_adapters(ioc, engine, store, values["web-dir"].as<std::string>(), server::JsonLog(config.log_level));
  server::Server server(ioc, config, engine, store, std::move(handlers));
  server.state().log().write(
      server::LogLevel::warn,
      server::LogLine().add("event", "ready").add(
          "startup_ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()));
  server.run();
  return 0;
}

}  // namespace cli
