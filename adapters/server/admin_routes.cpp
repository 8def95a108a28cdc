#include "adapters/server/admin_routes.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cctype>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "adapters/server/http_routes.hpp"

namespace adapters::server {
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view text) {
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size())
    throw std::runtime_error("SHA-256 is not available");
  return digest;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

bool is_admin_path(std::string_view path) { return path == kReloadPath; }

bool bearer_token_matches(std::string_view authorization, std::string_view token) {
  if (token.empty()) return false;
  authorization = trim(authorization);
  const auto space = authorization.find_first_of(" \t");
  if (space == std::string_view::npos || !equals_ignoring_case(authorization.substr(0, space), "Bearer")) return false;
  const auto given = sha256(trim(authorization.substr(space)));
  const auto expected = sha256(token);
  return CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

std::optional<HttpResponse> refuse_admin_request(const SharedState& state, const HttpRequest& request) {
  const auto version = request.version();
  const bool keep_alive = request.keep_alive();
  if (state.config().admin_token.empty() || !state.reloader())
    return json_error(version, keep_alive, http::status::not_found, "not_found", "no such path");
  if (!bearer_token_matches(request[http::field::authorization], state.config().admin_token)) {
    auto response = json_error(version, keep_alive, http::status::unauthorized, "unauthorized",
                               "this route needs Authorization: Bearer and the admin token");
    response.set(http::field::www_authenticate, "Bearer");
    return response;
  }
  if (request.method() != http::verb::post) {
    auto response = json_error(version, keep_alive, http::status::method_not_allowed, "method_not_allowed", "use POST");
    response.set(http::field::allow, "POST");
    return response;
  }
  return std::nullopt;
}

HttpResponse reload_response(unsigned version, bool keep_alive, const bot::ReloadResult& result) {
  json::object body{{"status", result.ok ? "ok" : "failed"},
                    {"generation", result.generation},
                    {"documents", result.documents},
                    {"took_ms", result.took.count()}};
  if (!result.ok)
    body["error"] = {{"code", "reload_failed"},
                     {"message", result.error + "; the previous knowledge keeps answering"}};
  return json_response(version, keep_alive, result.ok ? http::status::ok : http::status::internal_server_error, body);
}

HttpResponse reload_busy_response(unsigned version, bool keep_alive, std::uint64_t generation) {
  return json_response(version, keep_alive, http::status::conflict,
                       {{"status", "running"},
                        {"generation", generation},
                        {"error",
                         {{"code", "reload_in_progress"},
                          {"message", "a reload is running; ask again once it has finished"}}}});
}

}  // namespace adapters::server
