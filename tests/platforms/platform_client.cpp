#include "platform_client.hpp"

#include "adapters/common/https_client.hpp"
#include "adapters/slack/request_signature.hpp"

namespace platforms_test {

adapters::HttpResponse post(unsigned short port, const std::string& path, const std::string& body,
                            const Headers& headers) {
  const auto url = adapters::Url::parse("http://127.0.0.1:" + std::to_string(port) + path);
  adapters::HttpRequest request{boost::beast::http::verb::post, url->target, 11};
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  return adapters::send_request_blocking(*url, std::move(request));
}

adapters::HttpResponse get(unsigned short port, const std::string& path) {
  const auto url = adapters::Url::parse("http://127.0.0.1:" + std::to_string(port) + path);
  return adapters::send_request_blocking(*url, adapters::HttpRequest{boost::beast::http::verb::get, url->target, 11});
}

std::string unix_now() {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

Headers slack_headers(const std::string& secret, const std::string& body, const std::string& timestamp,
                      const std::string& content_type) {
  return {{"Content-Type", content_type},
          {"X-Slack-Request-Timestamp", timestamp},
          {"X-Slack-Signature", adapters::slack::compute_signature(secret, timestamp, body)}};
}

}  // namespace platforms_test
