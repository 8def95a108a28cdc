#include "adapters/slack/slack_adapter.hpp"

#include <stdexcept>

#include "adapters/slack/slack_http_handler.hpp"
#include "adapters/slack/socket_mode_client.hpp"

namespace adapters::slack {
namespace {

class SlackAdapter final : public HttpHandler {
 public:
  SlackAdapter(std::unique_ptr<SlackHttpHandler> http, std::shared_ptr<SocketModeClient> socket_mode)
      : http_(std::move(http)), socket_mode_(std::move(socket_mode)) {}
  ~SlackAdapter() override {
    if (socket_mode_) socket_mode_->stop();
  }
  SlackAdapter(const SlackAdapter&) = delete;
  SlackAdapter& operator=(const SlackAdapter&) = delete;

  bool handles(std::string_view path) const override { return http_ && http_->handles(path); }
  bool waits_for_store(std::string_view path) const override { return http_ && http_->waits_for_store(path); }
  HttpResponse handle(const HttpRequest& request) override { return http_->handle(request); }

 private:
  const std::unique_ptr<SlackHttpHandler> http_;         // null without a signing secret
  const std::shared_ptr<SocketModeClient> socket_mode_;  // null without an app-level token
};

}  // namespace

std::shared_ptr<HttpHandler> make_slack_adapter(const SlackConfig& config,
                                                std::shared_ptr<const bot::Assistant> assistant,
                                                boost::asio::any_io_executor executor, AdapterServices services) {
  const auto api_base = Url::parse(config.api_base);
  if (!api_base || (api_base->target.find('?') != std::string::npos))
    throw std::invalid_argument("SLACK_API_BASE is not an http(s) URL: " + config.api_base);
  const auto log = services.log;
  auto web_api = std::make_shared<WebApiClient>(*api_base, log);
  auto bot = std::make_shared<SlackBot>(std::move(assistant), web_api, config.bot_token, executor, std::move(services));
  std::unique_ptr<SlackHttpHandler> http;
  if (!config.signing_secret.empty()) http = std::make_unique<SlackHttpHandler>(config.signing_secret, bot, log);
  std::shared_ptr<SocketModeClient> socket_mode;
  if (!config.app_token.empty()) {
    socket_mode = std::make_shared<SocketModeClient>(config.app_token, web_api, bot, executor, log);
    socket_mode->start();
  }
  log->write(LogLevel::info, "slack.enabled",
             {{"http", http != nullptr}, {"socket_mode", socket_mode != nullptr}, {"api_base", config.api_base}});
  return std::make_shared<SlackAdapter>(std::move(http), std::move(socket_mode));
}

}  // namespace adapters::slack
