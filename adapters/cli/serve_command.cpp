// `mlops-bot serve`: the chat server (adapters/server) with every setting from a flag or an
// MLOPS_BOT_* environment variable (a flag wins).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <string_view>
#include <vector>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/cli/learning_options.hpp"
#include "adapters/cli/number_option.hpp"
#include "adapters/cli/sessions_option.hpp"
#include "adapters/discord/interactions_handler.hpp"
#include "adapters/common/secret_environment.hpp"
#include "adapters/server/corpus_watcher.hpp"
#include "adapters/server/server.hpp"
#include "adapters/sessions/redis_conversation_store.hpp"
#include "adapters/slack/slack_adapter.hpp"
#include "adapters/common/turn_pool.hpp"
#include "adapters/web/static_files.hpp"

namespace po = boost::program_options;
namespace server = adapters::server;

namespace cli {
namespace {

constexpr std::string_view kVariablePrefix = "MLOPS_BOT_";

// The bounds of each number setting: beyond them a value is a mistake.
using Port = NumberOption<unsigned short, 0, 65535>;
using Threads = NumberOption<unsigned, 0, 1024>;
using WorkerThreads = NumberOption<std::size_t, 1, 1024>;
using Connections = NumberOption<std::size_t, 1, 1'000'000>;
using ConnectionCap = NumberOption<std::size_t, 0, 1'000'000>;
using Clients = NumberOption<std::size_t, 1, 100'000'000>;
using Bytes = NumberOption<std::size_t, 1, 64 * 1024 * 1024>;
using QueueLength = NumberOption<std::size_t, 1, 100'000>;
using Sessions = NumberOption<std::size_t, 1, 100'000'000>;
using TimeoutSeconds = NumberOption<long, 1, 3600>;
using IdleSeconds = NumberOption<long, 1, 30 * 86'400>;
using GraceMilliseconds = NumberOption<long, 0, 600'000>;
using DebounceMilliseconds = NumberOption<long, 10, 60'000>;
using Rate = NumberOption<double, 0.0, 100'000.0>;
using Burst = NumberOption<double, 1.0, 100'000.0>;

// Variables of serve that are not options: secrets, which never come from flags.
constexpr std::string_view kEnvironmentOnly[] = {"MLOPS_BOT_REDIS_PASSWORD", "MLOPS_BOT_REDIS_PASSWORD_FILE",
                                                 "MLOPS_BOT_ADMIN_TOKEN", "MLOPS_BOT_ADMIN_TOKEN_FILE"};
constexpr std::string_view kAdminTokenVariable = "MLOPS_BOT_ADMIN_TOKEN";
// A shorter admin token is guessable: `openssl rand -hex 32` makes a good one.
constexpr std::size_t kMinAdminTokenBytes = 16;

constexpr const char* kEnvironmentHelp = R"(
environment only (secrets never come from flags; each secret may instead be in a file named by
its variable followed by _FILE, e.g. SLACK_BOT_TOKEN_FILE=/run/secrets/slack_bot_token):
  MLOPS_BOT_REDIS_PASSWORD  the Redis password when the --sessions URL has none
  MLOPS_BOT_ADMIN_TOKEN     bearer token of POST /admin/reload and GET /admin/* (at least 16 characters, no spaces; e.g.
                            `openssl rand -hex 32`); default: none, and the admin routes answer 404
  SLACK_BOT_TOKEN           Slack bot token (xoxb-...); with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN it
                            starts the Slack adapter (docs/slack.md); default: none, no Slack
  SLACK_SIGNING_SECRET      verifies Slack's requests to /slack/events and /slack/commands
  SLACK_APP_TOKEN           app-level token (xapp-...) for Slack's Socket Mode
  SLACK_API_BASE            Slack Web API base URL (not a secret); default https://slack.com/api
  DISCORD_PUBLIC_KEY        the Discord application's public key (not a secret): serves
                            /discord/interactions (docs/discord.md); default: none, no Discord
  DISCORD_API_BASE          Discord API base URL (not a secret); default https://discord.com/api/v10
Any other MLOPS_BOT_* variable is not a setting: start-up warns about it (a misspelling?).

signals: SIGINT and SIGTERM stop gracefully (--shutdown-grace); SIGHUP reloads the knowledge from --corpus,
as POST /admin/reload and --watch do: questions meanwhile are answered from the knowledge before it.
)";

// "max-body-bytes" -> "MLOPS_BOT_MAX_BODY_BYTES".
std::string variable_for_option(std::string_view option) {
  std::string variable(kVariablePrefix);
  for (const char c : option)
    variable += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return variable;
}

// "MLOPS_BOT_MAX_BODY_BYTES" -> "max-body-bytes" when that is an option of `description`;
// adds other MLOPS_BOT_* variables that are not known to `unknown`.
std::string option_for_variable(const po::options_description& description, const std::string& variable,
                                std::vector<std::string>& unknown) {
  if (!variable.starts_with(kVariablePrefix)) return {};
  std::string name = variable.substr(kVariablePrefix.size());
  for (auto& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (description.find_nothrow(name, false)) return name;
  if (std::find(std::begin(kEnvironmentOnly), std::end(kEnvironmentOnly), variable) == std::end(kEnvironmentOnly))
    unknown.push_back(variable);
  return {};
}

adapters::LogLevel parse_log_level(const std::string& text) {
  if (text == "debug") return adapters::LogLevel::debug;
  if (text == "info") return adapters::LogLevel::info;
  if (text == "warn") return adapters::LogLevel::warn;
  if (text == "off") return adapters::LogLevel::off;
  po::error_with_option_name problem(
      "the argument ('%value%') for option '%canonical_option%' must be debug, info, warn or off", "log-level");
  problem.set_substitute("value", text);
  throw problem;
}

// Descriptors the process needs besides its connections: standard streams, the event loop,
// the knowledge base, Redis, Slack's and Discord's outgoing calls; a generous guess.
constexpr rlim_t kOtherDescriptors = 64;

// Each connection is a file descriptor: let the process have as many as it is allowed, and
// say so when even that is too few for the connections it admits (accept would then fail
// with EMFILE, and new clients wait until some close).
void raise_descriptor_limit(const server::ServerConfig& config, const adapters::JsonLog& log) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) getrlimit(RLIMIT_NOFILE, &limit);
  }
  const rlim_t needed = config.max_connections + config.reserve_connections + kOtherDescriptors;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed)
    log.write(adapters::LogLevel::warn,
              adapters::LogLine()
                  .add("event", "descriptor_limit")
                  .add("limit", static_cast<std::int64_t>(limit.rlim_cur))
                  .add("needed", static_cast<std::int64_t>(needed))
                  .add("effect", "past the limit new connections wait instead of being served")
                  .add("remedy", "raise the hard limit (ulimit -Hn, LimitNOFILE=, the container runtime's nofile) "
                                 "or lower --max-connections"));
}

// "a, b c" -> {"a", "b", "c"}; empty text: none.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  if (!text.empty()) boost::split(items, text, boost::is_any_of(", "), boost::token_compress_on);
  std::erase(items, std::string());
  return items;
}

// The HTTP handlers of the other adapters, in the order the server asks them: Slack and
// Discord when their environment configures them, then the web widget's files (which claim
// "/"). Slack's outgoing calls run on the server's io_context.
std::vector<std::shared_ptr<adapters::HttpHandler>> other_adapters(
    boost::asio::io_context& ioc, const std::shared_ptr<const bot::Assistant>& assistant,
    const std::filesystem::path& web_dir, const adapters::JsonLog& log, const adapters::AdapterServices& services) {
  std::vector<std::shared_ptr<adapters::HttpHandler>> handlers;
  if (const auto slack = adapters::slack::SlackConfig::from_environment(*services.log))
    handlers.push_back(adapters::slack::make_slack_adapter(*slack, assistant, ioc.get_executor(), services));
  if (const auto discord = adapters::discord::DiscordConfig::from_environment(*services.log))
    handlers.push_back(adapters::discord::make_discord_adapter(*discord, assistant, services));
  try {
    handlers.push_back(std::make_shared<adapters::web::StaticFiles>(web_dir));
  } catch (const std::exception& error) {
    // The chat API works without the demo page: say why it is missing and serve the rest.
    log.write(adapters::LogLevel::warn, adapters::LogLine().add("event", "no_web_widget").add("error", error.what()));
  }
  return handlers;
}

// The admin token from MLOPS_BOT_ADMIN_TOKEN or the file MLOPS_BOT_ADMIN_TOKEN_FILE names, trimmed;
// empty when neither is set. Throws std::invalid_argument for a token too short or with spaces
// inside (which no Authorization header could carry), never showing it.
std::string admin_token_from_environment() {
  std::string token = adapters::secret_from_environment(std::string(kAdminTokenVariable));
  if (token.empty()) return token;
  const auto begin = token.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos)
    throw std::invalid_argument("the admin token (MLOPS_BOT_ADMIN_TOKEN or its _FILE) is only spaces");
  token = token.substr(begin, token.find_last_not_of(" \t\r\n") - begin + 1);
  if (token.size() < kMinAdminTokenBytes)
    throw std::invalid_argument("the admin token (MLOPS_BOT_ADMIN_TOKEN or its _FILE) is shorter than " +
                                std::to_string(kMinAdminTokenBytes) + " characters; `openssl rand -hex 32` makes one");
  for (const char c : token)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      throw std::invalid_argument("the admin token (MLOPS_BOT_ADMIN_TOKEN or its _FILE) holds a space or a control "
                                  "character, which an Authorization header cannot carry");
  return token;
}

// The reloads of the knowledge: the same options as at start, the progress and the text log
// of a rebuild left out (the reload has its own JSON line, on the server's log).
std::shared_ptr<bot::KnowledgeReloader> make_reloader(const std::shared_ptr<bot::EngineHolder>& engines,
                                                      bot::EngineOptions options, const adapters::JsonLog& log) {
  options.log = nullptr;
  options.index_progress = nullptr;
  return std::make_shared<bot::KnowledgeReloader>(
      engines, [options] { return bot::Engine::open(options); },
      [log](const bot::ReloadResult& result) {
        adapters::LogLine line;
        line.add("event", result.ok ? "reload" : "reload_failed")
            .add("trigger", result.trigger)
            .add("generation", static_cast<std::int64_t>(result.generation))
            .add("documents", static_cast<std::int64_t>(result.documents))
            .add("took_ms", static_cast<std::int64_t>(result.took.count()));
        if (!result.ok) line.add("error", result.error).add("effect", "the previous knowledge keeps answering");
        log.write(result.ok ? adapters::LogLevel::info : adapters::LogLevel::warn, line);
      });
}

}  // namespace

int run_serve(Args args) {
  const auto started = std::chrono::steady_clock::now();
  const server::ServerConfig defaults;
  const adapters::sessions::RedisStoreOptions redis_defaults;
  // Wide lines, so no variable name is broken across two.
  po::options_description description("serve options (each also from the environment variable shown)", 120, 60);
  description.add_options()
      ("host", po::value<std::string>()->default_value(defaults.host), "address to listen on; env MLOPS_BOT_HOST")
      ("port", po::value<Port>()->default_value({defaults.port}),
       "port (0: any free one, printed in the \"listening\" log line); env MLOPS_BOT_PORT")
      ("threads", po::value<Threads>()->default_value({0}),
       "I/O threads (0: one per usable core); env MLOPS_BOT_THREADS")
      ("public-origin", po::value<std::string>()->default_value("", "\"\""),
       "comma-separated origins this server's own pages are reached at (https://bot.example.com): the demo "
       "page's WebSocket and /v1/ask are refused from any other but localhost ones; env MLOPS_BOT_PUBLIC_ORIGIN")
      ("allowed-origins", po::value<std::string>()->default_value("", "\"\""),
       "comma-separated origins of other sites allowed for CORS and WebSocket (\"*\": any); localhost ones "
       "are always allowed, the Host header never decides; env MLOPS_BOT_ALLOWED_ORIGINS")
      ("max-connections", po::value<Connections>()->default_value({defaults.max_connections}),
       "open connections at most; beyond them a few reserve ones answer /healthz, /readyz and /metrics and 503 "
       "to the rest; env MLOPS_BOT_MAX_CONNECTIONS")
      ("reserve-connections", po::value<ConnectionCap>()->default_value({defaults.reserve_connections}),
       "connections beyond --max-connections kept for /healthz, /readyz and /metrics (one request each); past "
       "them connections are closed at once; env MLOPS_BOT_RESERVE_CONNECTIONS")
      ("max-client-connections", po::value<ConnectionCap>()->default_value({defaults.max_client_connections}),
       "open connections per client address (an IPv6 /64 counts as one), more are closed at once (0: no cap); "
       "env MLOPS_BOT_MAX_CLIENT_CONNECTIONS")
      ("trusted-proxies", po::value<std::string>()->default_value("", "\"\""),
       "comma-separated proxy addresses or CIDR ranges (10.0.0.0/8) whose X-Forwarded-For names the client for "
       "the per-client limits; their own connections are not capped; env MLOPS_BOT_TRUSTED_PROXIES")
      ("max-message-bytes", po::value<Bytes>()->default_value({defaults.max_message_bytes}),
       "largest WebSocket message (larger: close 1009); env MLOPS_BOT_MAX_MESSAGE_BYTES")
      ("max-body-bytes", po::value<Bytes>()->default_value({defaults.max_body_bytes}),
       "largest HTTP body (larger: 413); env MLOPS_BOT_MAX_BODY_BYTES")
      ("max-header-bytes", po::value<Bytes>()->default_value({defaults.max_header_bytes}),
       "largest HTTP header block (larger: 431); env MLOPS_BOT_MAX_HEADER_BYTES")
      ("write-queue-limit", po::value<QueueLength>()->default_value({defaults.write_queue_limit}),
       "answers queued for a WebSocket client that does not read before it is dropped; env MLOPS_BOT_WRITE_QUEUE_LIMIT")
      ("chat-idle-timeout", po::value<IdleSeconds>()->default_value({defaults.chat_idle_timeout.count()}),
       "seconds a WebSocket may go without a message (pings do not count) before it is closed with 1001; "
       "env MLOPS_BOT_CHAT_IDLE_TIMEOUT")
      ("header-timeout", po::value<TimeoutSeconds>()->default_value({defaults.header_timeout.count()}),
       "seconds to receive an HTTP request's head, counted from when the server waits for it: also the longest "
       "an idle connection is kept; env MLOPS_BOT_HEADER_TIMEOUT")
      ("http-timeout", po::value<TimeoutSeconds>()->default_value({defaults.http_timeout.count()}),
       "seconds to read an HTTP request's body once its head is in, and to write the answer; "
       "env MLOPS_BOT_HTTP_TIMEOUT")
      ("http-rate-limit", po::value<Rate>()->default_value({defaults.http_rate_per_second}),
       "POST /v1/ask requests per second per client address (0: no limit), more get 429 with Retry-After; "
       "env MLOPS_BOT_HTTP_RATE_LIMIT")
      ("http-rate-burst", po::value<Burst>()->default_value({defaults.http_rate_burst}),
       "POST /v1/ask requests a client may send at once; env MLOPS_BOT_HTTP_RATE_BURST")
      ("max-tracked-clients", po::value<Clients>()->default_value({defaults.max_tracked_clients}),
       "client addresses remembered for the per-client limits, the least recently active forgotten first "
       "(never fewer than the connections admitted); env MLOPS_BOT_MAX_TRACKED_CLIENTS")
      ("rate-limit", po::value<Rate>()->default_value({defaults.rate_per_second}),
       "WebSocket messages per second per connection (0: no limit); env MLOPS_BOT_RATE_LIMIT")
      ("rate-burst", po::value<Burst>()->default_value({defaults.rate_burst}),
       "WebSocket messages a connection may send at once; env MLOPS_BOT_RATE_BURST")
      ("sessions", po::value<std::string>()->default_value("memory"),
       ("where conversations are kept: memory (this process) or redis://HOST[:PORT][/DB], shared by every replica "
        "given the same URL (password: MLOPS_BOT_REDIS_PASSWORD); Redis gets " +
        std::to_string(redis_defaults.connect_timeout.count()) + " ms to connect and " +
        std::to_string(redis_defaults.command_timeout.count()) + " ms per command, and is retried every " +
        std::to_string(redis_defaults.retry_interval.count()) +
        " ms while down (questions are then answered without their conversation); env MLOPS_BOT_SESSIONS")
           .c_str())
      ("max-sessions", po::value<Sessions>()->default_value({defaults.max_sessions}),
       "conversations kept in memory (--sessions memory); env MLOPS_BOT_MAX_SESSIONS")
      ("session-idle", po::value<IdleSeconds>()->default_value({defaults.session_idle.count()}),
       "seconds a conversation is kept unused; env MLOPS_BOT_SESSION_IDLE")
      ("session-threads", po::value<WorkerThreads>()->default_value({defaults.session_threads}),
       "threads that answer the questions whose conversation is in Redis (--sessions redis://...), so the I/O "
       "threads never wait for it (--sessions memory answers on the I/O threads); env MLOPS_BOT_SESSION_THREADS")
      ("session-queue-limit", po::value<QueueLength>()->default_value({defaults.session_queue_limit}),
       "questions at most waiting for or on those threads; more get 503/\"busy\" (WebSocket: an error frame with "
       "code busy); env MLOPS_BOT_SESSION_QUEUE_LIMIT")
      ("watch", po::value<bool>()->default_value(false, "false")->implicit_value(true, "true"),
       "reload the knowledge when a file of the --corpus folder or its subfolders changes (inotify; a Kubernetes "
       "ConfigMap update too), as SIGHUP and POST /admin/reload do; env MLOPS_BOT_WATCH")
      ("watch-debounce", po::value<DebounceMilliseconds>()->default_value({server::kDefaultWatchDebounce.count()}),
       ("milliseconds the --corpus folder must stay unchanged before --watch reloads (a burst of changes makes one "
        "reload, at most " +
        std::to_string(server::kLongestWatchDelay.count()) + " s after its first); env MLOPS_BOT_WATCH_DEBOUNCE")
           .c_str())
      ("shutdown-grace", po::value<GraceMilliseconds>()->default_value({defaults.shutdown_grace.count()}),
       "milliseconds to wait for clients on SIGINT/SIGTERM; env MLOPS_BOT_SHUTDOWN_GRACE")
      ("web-dir", po::value<std::string>()->default_value(adapters::web::StaticFiles::default_dir().string()),
       "folder of the web widget and demo page, read at start; env MLOPS_BOT_WEB_DIR")
      ("log-level", po::value<std::string>()->default_value("info"),
       "debug (adds question text), info (a line per request or message), warn, off; env MLOPS_BOT_LOG_LEVEL");
  add_engine_options(description);
  add_learning_options(description);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot serve [OPTIONS]", description, {}, values, exit_code, kEnvironmentHelp))
    return exit_code;
  std::vector<std::string> unknown_variables;
  server::ServerConfig config;
  try {
    po::store(po::parse_environment(description,
                                    [&](const std::string& variable) {
                                      return option_for_variable(description, variable, unknown_variables);
                                    }),
              values);
    po::notify(values);
    config.log_level = parse_log_level(values["log-level"].as<std::string>());
  } catch (const po::error_with_option_name& error) {
    // The value may have come from the flag or from its variable: name both.
    const auto option = error.get_option_name();
    const auto name = option.substr(std::min(option.find_first_not_of('-'), option.size()));
    std::cerr << "mlops-bot serve: " << error.what() << " (--" << name << " or " << variable_for_option(name) << ")\n";
    return 2;
  } catch (const po::error& error) {
    std::cerr << "mlops-bot serve: environment: " << error.what() << "\n";
    return 2;
  }

  config.host = values["host"].as<std::string>();
  config.port = values["port"].as<Port>().value;
  config.threads = values["threads"].as<Threads>().value;
  config.allowed_origins = split_list(values["allowed-origins"].as<std::string>());
  config.public_origins = split_list(values["public-origin"].as<std::string>());
  config.max_connections = values["max-connections"].as<Connections>().value;
  config.reserve_connections = values["reserve-connections"].as<ConnectionCap>().value;
  config.max_client_connections = values["max-client-connections"].as<ConnectionCap>().value;
  config.header_timeout = std::chrono::seconds(values["header-timeout"].as<TimeoutSeconds>().value);
  config.http_rate_per_second = values["http-rate-limit"].as<Rate>().value;
  config.http_rate_burst = values["http-rate-burst"].as<Burst>().value;
  config.max_tracked_clients = values["max-tracked-clients"].as<Clients>().value;
  config.max_message_bytes = values["max-message-bytes"].as<Bytes>().value;
  config.max_body_bytes = values["max-body-bytes"].as<Bytes>().value;
  config.max_header_bytes = values["max-header-bytes"].as<Bytes>().value;
  config.write_queue_limit = values["write-queue-limit"].as<QueueLength>().value;
  config.chat_idle_timeout = std::chrono::seconds(values["chat-idle-timeout"].as<IdleSeconds>().value);
  config.http_timeout = std::chrono::seconds(values["http-timeout"].as<TimeoutSeconds>().value);
  config.rate_per_second = values["rate-limit"].as<Rate>().value;
  config.rate_burst = values["rate-burst"].as<Burst>().value;
  config.max_sessions = values["max-sessions"].as<Sessions>().value;
  config.session_idle = std::chrono::seconds(values["session-idle"].as<IdleSeconds>().value);
  config.session_threads = values["session-threads"].as<WorkerThreads>().value;
  config.session_queue_limit = values["session-queue-limit"].as<QueueLength>().value;
  config.shutdown_grace = std::chrono::milliseconds(values["shutdown-grace"].as<GraceMilliseconds>().value);
  const bool watch = values["watch"].as<bool>();
  const std::chrono::milliseconds watch_debounce(values["watch-debounce"].as<DebounceMilliseconds>().value);
  // Values whose form the option parser cannot check: a usage error naming the setting.
  const auto refuse = [](std::string_view option, const std::string& problem) {
    std::cerr << "mlops-bot serve: " << problem << " (--" << option << " or " << variable_for_option(option)
              << ")\n";
    return 2;
  };
  try {
    config.trusted_proxies = server::AddressRanges::parse(values["trusted-proxies"].as<std::string>());
  } catch (const std::invalid_argument& error) {
    return refuse("trusted-proxies", error.what());
  }
  boost::system::error_code host_error;
  boost::asio::ip::make_address(config.host, host_error);
  if (host_error)
    return refuse("host", "'" + config.host +
                              "' is not an IP address (0.0.0.0 for every IPv4 interface, :: for every IPv6 one)");
  for (const auto& [option, origins] : {std::pair{"public-origin", &config.public_origins},
                                        std::pair{"allowed-origins", &config.allowed_origins}})
    for (const auto& origin : *origins)
      if (origin != "*" && !server::OriginPolicy::is_origin(origin))
        return refuse(option,
                      "'" + origin + "' is not an origin: a scheme and a host, such as https://bot.example.com");

  const adapters::JsonLog log(config.log_level);
  for (const auto& variable : unknown_variables)
    log.write(adapters::LogLevel::warn, adapters::LogLine()
                                          .add("event", "unknown_setting")
                                          .add("variable", variable)
                                          .add("effect", "ignored: it is not a setting of serve (see serve --help)"));
  std::shared_ptr<bot::ConversationStore> store;
  try {
    store = make_conversation_store(values["sessions"].as<std::string>(), config, log);
  } catch (const std::invalid_argument& error) {
    std::cerr << "mlops-bot serve: " << error.what() << "\n";
    return 2;
  }

  try {
    config.admin_token = admin_token_from_environment();
  } catch (const std::invalid_argument& error) {
    std::cerr << "mlops-bot serve: " << error.what() << "\n";
    return 2;
  }

  raise_descriptor_limit(config, log);
  // Everything costly happens before the port opens, so the first request finds it ready.
  const auto engine_options = engine_options_from(values);
  std::shared_ptr<bot::LearningRecorder> learning;
  try {
    learning = make_learning_recorder(values, engine_options.db_path, values["sessions"].as<std::string>(),
                                      config.session_idle, log);
  } catch (const std::invalid_argument& error) {
    std::cerr << "mlops-bot serve: " << error.what() << "\n";
    return 2;
  }
  const auto engines = std::make_shared<bot::EngineHolder>(bot::Engine::open(engine_options));
  const auto reloader = make_reloader(engines, engine_options, log);
  // The thread count as Asio's concurrency hint: with one thread its scheduler skips the
  // work of waking others.
  boost::asio::io_context ioc(static_cast<int>(server::Server::thread_count(config)));
  // A store that may block answers off the I/O threads. Declared after the io_context, the pool
  // is joined before it goes, so its last answers are posted to a live one; a submit() after
  // that finds the pool gone and says busy.
  std::shared_ptr<adapters::TurnPool> turns;
  bot::Assistant::Offload offload;
  if (store->may_block()) {
    turns = std::make_shared<adapters::TurnPool>(config.session_threads, config.session_queue_limit);
    offload = [weak = std::weak_ptr<adapters::TurnPool>(turns)](std::function<void()> work) {
      const auto pool = weak.lock();
      return pool && pool->try_post(std::move(work));
    };
  }
  const auto assistant = std::make_shared<const bot::Assistant>(engines, store, learning, std::move(offload));
  // The platform adapters count their answers in the server's metrics, which exist once the
  // server does; nothing is answered before run(), by when `metrics` is set.
  server::Metrics* metrics = nullptr;
  const adapters::AdapterServices services{
      std::make_shared<adapters::JsonLog>(config.log_level),
      [&metrics](std::string_view intent, std::chrono::nanoseconds took) { metrics->count_answer(intent, took); }};
  // A folder that cannot be watched stops start-up before the port opens.
  if (watch) {
    const auto watcher = server::CorpusWatcher::start(ioc.get_executor(), engine_options.corpus_dir, watch_debounce,
                                                      [reloader] { reloader->request("corpus changed"); }, log);
    log.write(adapters::LogLevel::info, adapters::LogLine()
                                          .add("event", "watching")
                                          .add("folder", engine_options.corpus_dir.string())
                                          .add("folders", static_cast<std::int64_t>(watcher->watched_folders()))
                                          .add("debounce_ms", static_cast<std::int64_t>(watch_debounce.count())));
  }
  auto handlers = other_adapters(ioc, assistant, values["web-dir"].as<std::string>(), log, services);
  server::Server server(ioc, config, assistant, std::move(handlers), reloader);
  metrics = &server.state().metrics();
  server.state().log().write(
      adapters::LogLevel::warn,
      adapters::LogLine().add("event", "ready").add(
          "startup_ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()));
  server.run();
  return 0;
}

}  // namespace cli
