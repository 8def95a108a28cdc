#include "adapters/server/admin_routes.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cctype>
#include <vector>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "adapters/server/http_routes.hpp"
#include "bot/answer.hpp"
#include "bot/learning_report.hpp"

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

constexpr std::string_view kUnansweredPath = "/admin/unanswered";
constexpr std::string_view kFeedbackPath = "/admin/feedback";
constexpr std::string_view kStatsPath = "/admin/stats";
constexpr std::size_t kDefaultLimit = 50;
constexpr std::size_t kMostRows = 1000;

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

// The unanswered questions as the question set `mlops-bot review --export` writes: one
// bot::question_set_line a line, to download as a file.
HttpResponse question_set_response(unsigned version, bool keep_alive, const std::vector<bot::UnansweredGroup>& groups) {
  HttpResponse response{http::status::ok, version};
  response.set(http::field::content_type, "application/x-ndjson; charset=utf-8");
  response.set(http::field::content_disposition, "attachment; filename=\"unanswered.jsonl\"");
  response.set(http::field::cache_control, "no-store");
  for (const auto& group : groups) response.body() += bot::serialize(bot::question_set_line(group)) + "\n";
  response.keep_alive(keep_alive);
  response.prepare_payload();
  return response;
}

}  // namespace

bool is_admin_path(std::string_view path) { return path.starts_with("/admin/"); }

std::string_view admin_route(std::string_view path) {
  for (const std::string_view route : {kReloadPath, kUnansweredPath, kFeedbackPath, kStatsPath})
    if (path == route) return route;
  return is_admin_path(path) ? kAdminPagePath : "unknown";
}

HttpHandler* admin_page_handler(const SharedState& state, std::string_view path) {
  if (admin_route(path) != kAdminPagePath) return nullptr;
  for (const auto& handler : state.handlers())
    if (handler->handles(path)) return handler.get();
  return nullptr;
}

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
  const std::string_view route = admin_route(target_path(request.target()));
  const bool reload = route == kReloadPath;
  const bool page = route == kAdminPagePath;
  if (state.config().admin_token.empty() || route == "unknown" || (reload && !state.reloader()) ||
      (page && !admin_page_handler(state, target_path(request.target()))))
    return json_error(version, keep_alive, http::status::not_found, "not_found", "no such path");
  // A browser's navigation cannot send a bearer token: the page's files hold nothing secret, and
  // the page asks for the token itself before it calls the views.
  if (page && request.method() != http::verb::get && request.method() != http::verb::head) {
    auto response = json_error(version, keep_alive, http::status::method_not_allowed, "method_not_allowed", "use GET");
    response.set(http::field::allow, "GET, HEAD");
    return response;
  }
  if (page) return std::nullopt;
  if (!bearer_token_matches(request[http::field::authorization], state.config().admin_token)) {
    auto response = json_error(version, keep_alive, http::status::unauthorized, "unauthorized",
                               "this route needs Authorization: Bearer and the admin token");
    response.set(http::field::www_authenticate, "Bearer");
    return response;
  }
  const auto method = request.method();
  const bool allowed = reload ? method == http::verb::post : method == http::verb::get || method == http::verb::head;
  if (!allowed) {
    const std::string_view allow = reload ? "POST" : "GET, HEAD";
    auto response = json_error(version, keep_alive, http::status::method_not_allowed, "method_not_allowed",
                               "use " + std::string(allow));
    response.set(http::field::allow, allow);
    return response;
  }
  return std::nullopt;
}

HttpResponse admin_view(SharedState& state, const HttpRequest& request) {
  const auto version = request.version();
  const bool keep_alive = request.keep_alive();
  const auto bad = [&](std::string_view message) {
    return json_error(version, keep_alive, http::status::bad_request, "bad_request", message);
  };
  const std::string_view target = request.target();
  const std::string_view route = admin_route(target_path(target));
  if (route == kAdminPagePath) {
    // The caller takes the body off a HEAD answer itself: the handler is asked for the GET's.
    HttpRequest get = request;
    get.method(http::verb::get);
    HttpResponse response = admin_page_handler(state, target_path(target))->handle(get);
    response.version(version);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    return response;
  }
  auto* learning = state.learning();
  if (!learning)
    return json_error(version, keep_alive, http::status::not_found, "learning_off",
                      "the server records nothing (--learning off)");
  const std::string format = query_parameter(target, "format");
  const bool jsonl = format == "jsonl";
  if (!format.empty() && format != "json" && !(jsonl && route == kUnansweredPath))
    return bad("format must be json, or jsonl for /admin/unanswered");
  const auto since = bot::parse_since(query_parameter(target, "since"), std::chrono::system_clock::now());
  if (!since) return bad("since must be like 7d, 12h, 30m or 2026-11-30");
  std::size_t limit = kDefaultLimit;
  if (const auto text = query_parameter(target, "limit"); !text.empty()) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > kMostRows)
      return bad("limit must be a whole number from 1 to " + std::to_string(kMostRows));
  }
  try {
    auto& store = learning->store();
    if (jsonl) return question_set_response(version, keep_alive, store.unanswered(*since, limit));
    const json::object body = route == kUnansweredPath ? bot::unanswered_json(store.unanswered(*since, limit))
                              : route == kFeedbackPath ? bot::feedback_json(store.feedback(*since, limit))
                                                       : bot::stats_json(store.stats(*since));
    return json_response(version, keep_alive, http::status::ok, body);
  } catch (const std::exception&) {
    // The reason (SQLite's words) is not for a client.
    return json_error(version, keep_alive, http::status::internal_server_error, "learning_unavailable",
                      "the learning database cannot be read now");
  }
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
