#include "adapters/server/http_routes.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "adapters/server/feedback_request.hpp"
#include "adapters/server/session_id.hpp"

namespace adapters::server {
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr std::string_view kServerName = "mlops-bot";

HttpResponse make_response(const HttpRequest& request, http::status status, std::string_view content_type,
                           std::string body) {
  HttpResponse response{status, request.version()};
  response.set(http::field::server, kServerName);
  response.set(http::field::content_type, content_type);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// Takes an object, not a json::value, which an object would be copied into.
HttpResponse json_response(const HttpRequest& request, http::status status, const json::object& value) {
  return make_response(request, status, "application/json", bot::serialize(value));
}

HttpResponse error_for(const HttpRequest& request, http::status status, std::string_view code,
                       std::string_view message) {
  return json_error(request.version(), request.keep_alive(), status, code, message);
}

// Adds the CORS headers when the request comes from an allowed browser origin.
void allow_origin(HttpResponse& response, std::string_view origin) {
  if (origin.empty()) return;
  response.set(http::field::access_control_allow_origin, origin);
  response.set(http::field::vary, "Origin");
}

HttpReply ask(SharedState& state, const HttpRequest& request) {
  HttpReply reply{{}, "/v1/ask", {}, 0};
  if (state.engines().generation() == 0) {
    reply.response =
        error_for(request, http::status::service_unavailable, "not_ready", "the knowledge base is loading");
    return reply;
  }
  boost::system::error_code ec;
  const json::value body = json::parse(request.body(), ec);
  const json::object* object = ec ? nullptr : body.if_object();
  if (!object) {
    state.metrics().count_rejected("invalid_json");
    reply.response = error_for(request, http::status::bad_request, "bad_request",
                               "the body must be a JSON object: {\"text\": \"...\", \"session\": \"optional\"}");
    return reply;
  }
  const json::value* text = object->if_contains("text");
  if (!text || !text->is_string()) {
    state.metrics().count_rejected("missing_field");
    reply.response = error_for(request, http::status::bad_request, "bad_request", "\"text\" must be a string");
    return reply;
  }
  if (text->get_string().size() > bot::kMaxQuestionBytes) {
    state.metrics().count_rejected("too_large");
    reply.response = error_for(request, http::status::payload_too_large, "too_large",
                               "\"text\" is longer than " + std::to_string(bot::kMaxQuestionBytes) + " bytes");
    return reply;
  }
  std::string session;
  if (const json::value* given = object->if_contains("session"); given && !given->is_null()) {
    if (!given->is_string() || !is_valid_session_id(given->get_string())) {
      state.metrics().count_rejected("missing_field");
      reply.response = error_for(request, http::status::bad_request, "bad_request",
                                 "\"session\" must be 1 to 64 of A-Z a-z 0-9 _ -");
      return reply;
    }
    session = given->get_string();
  } else {
    session = new_session_id();
  }

  auto turn = state.assistant().ask(bot::Channel::http, conversation_key(session), text->get_string());
  if (!turn) {
    reply.response =
        error_for(request, http::status::service_unavailable, "not_ready", "the knowledge base is loading");
    return reply;
  }
  bot::Answer& answer = turn->answer;
  state.metrics().count_answer(answer.intent, turn->took);

  reply.intent = answer.intent;
  reply.confidence = answer.confidence;
  json::object result = bot::to_json(std::move(answer));
  result["session"] = session;
  reply.response = json_response(request, http::status::ok, result);
  return reply;
}

// POST /v1/feedback: 204 once recorded; 200 {"answer_id","recorded":false} when it cannot be
// (learning off, or its queue full); 404 unknown_answer; 400 for a body that is not feedback.
HttpReply feedback(SharedState& state, const HttpRequest& request) {
  HttpReply reply{{}, "/v1/feedback", {}, 0};
  boost::system::error_code ec;
  const json::value body = json::parse(request.body(), ec);
  const json::object* object = ec ? nullptr : body.if_object();
  if (!object) {
    state.metrics().count_rejected("invalid_json");
    reply.response = error_for(request, http::status::bad_request, "bad_request",
                               "the body must be a JSON object: {\"answer_id\": \"...\", \"helpful\": true}");
    return reply;
  }
  const auto parsed = parse_feedback(*object);
  if (!parsed) {
    state.metrics().count_rejected("missing_field");
    reply.response = error_for(request, http::status::bad_request, "bad_request", parsed.error());
    return reply;
  }
  auto outcome = bot::FeedbackOutcome::dropped;
  if (auto* learning = state.learning()) outcome = learning->feedback(parsed->answer_id, parsed->helpful, parsed->comment);
  if (outcome == bot::FeedbackOutcome::unknown_answer) {
    reply.response = error_for(request, http::status::not_found, "unknown_answer",
                               "no recent answer has this answer_id; feedback is taken for the latest answers only");
  } else if (outcome == bot::FeedbackOutcome::recorded) {
    reply.response = make_response(request, http::status::no_content, "text/plain", "");
    reply.response.erase(http::field::content_type);
  } else {
    reply.response =
        json_response(request, http::status::ok, json::object{{"answer_id", parsed->answer_id}, {"recorded", false}});
  }
  return reply;
}

HttpResponse preflight(const HttpRequest& request, std::string_view origin) {
  HttpResponse response = make_response(request, http::status::no_content, "text/plain", "");
  response.erase(http::field::content_type);
  allow_origin(response, origin);
  response.set(http::field::access_control_allow_methods, "POST");
  response.set(http::field::access_control_allow_headers, "Content-Type");
  response.set(http::field::access_control_max_age, "600");
  return response;
}

// 429 with Retry-After in whole seconds (at least 1: the next ask may come then).
HttpResponse too_many_asks(const HttpRequest& request, std::chrono::duration<double> wait) {
  const auto seconds = std::max<long>(1, static_cast<long>(std::ceil(wait.count())));
  HttpResponse response =
      error_for(request, http::status::too_many_requests, "rate_limited",
                "too many questions from your address; retry after " + std::to_string(seconds) + " s");
  response.set(http::field::retry_after, std::to_string(seconds));
  return response;
}

HttpResponse plain(const HttpRequest& request, http::status status, std::string body) {
  return make_response(request, status, "text/plain; charset=utf-8", std::move(body));
}

HttpResponse method_not_allowed(const HttpRequest& request, std::string_view allow) {
  HttpResponse response =
      error_for(request, http::status::method_not_allowed, "method_not_allowed", "use " + std::string(allow));
  response.set(http::field::allow, allow);
  return response;
}

}  // namespace

HttpResponse json_response(unsigned version, bool keep_alive, http::status status, const json::object& body) {
  HttpResponse response{status, version};
  response.set(http::field::server, kServerName);
  response.set(http::field::content_type, "application/json");
  response.keep_alive(keep_alive);
  response.body() = bot::serialize(body);  // numbers as people write them (0.4, not 4E-1)
  response.prepare_payload();
  return response;
}

HttpResponse json_error(unsigned version, bool keep_alive, http::status status, std::string_view code,
                        std::string_view message) {
  return json_response(version, keep_alive, status, {{"error", {{"code", code}, {"message", message}}}});
}

std::string_view target_path(std::string_view target) { return target.substr(0, target.find('?')); }

std::string query_parameter(std::string_view target, std::string_view name) {
  const auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return {};
  const auto parameters = parsed->params();
  const auto found = parameters.find(name);
  if (found == parameters.end() || !(*found).has_value) return {};
  return (*found).value;
}

bool waits_for_store(const SharedState& state, const HttpRequest& request) {
  const std::string_view path = target_path(request.target());
  // Feedback may look its answer up in the Redis the replicas share.
  if (path == "/v1/ask" || path == "/v1/feedback") return request.method() == http::verb::post;
  for (const auto& handler : state.handlers())
    if (handler->handles(path)) return handler->waits_for_store(path);
  return false;
}

HttpReply busy_reply(SharedState& state, const HttpRequest& request) {
  state.metrics().count_rejected("busy");
  const std::string_view path = target_path(request.target());
  const bool api = path == "/v1/ask" || path == "/v1/feedback";
  HttpReply reply{{}, !api ? "handler" : path == "/v1/ask" ? "/v1/ask" : "/v1/feedback", {}, 0};
  reply.response =
      error_for(request, http::status::service_unavailable, "busy", "too many questions at once; retry shortly");
  reply.response.set(http::field::retry_after, "1");
  if (api && state.origins().allows(request[http::field::origin]))
    allow_origin(reply.response, request[http::field::origin]);
  return reply;
}

bool is_operational_path(std::string_view path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

HttpReply handle_request(SharedState& state, const HttpRequest& request, const boost::asio::ip::address& peer) {
  const std::string_view path = target_path(request.target());
  const auto method = request.method();
  const bool read = method == http::verb::get || method == http::verb::head;

  if (path == "/v1/ask" || path == "/v1/feedback") {
    // The route names are literals, so a reply never points into the request.
    const std::string_view route = path == "/v1/ask" ? "/v1/ask" : "/v1/feedback";
    const std::string_view origin = request[http::field::origin];
    if (!state.origins().allows(origin)) {
      state.metrics().count_rejected("origin");
      return {error_for(request, http::status::forbidden, "forbidden_origin", "this origin may not use the API"),
              route, {}, 0};
    }
    if (method == http::verb::options) return {preflight(request, origin), route, {}, 0};
    if (method != http::verb::post) return {method_not_allowed(request, "POST, OPTIONS"), route, {}, 0};
    if (state.clients().limits_asks()) {
      const auto client = client_key(client_address(peer, request, state.config().trusted_proxies));
      if (const auto wait = state.clients().try_ask(client); wait.count() > 0) {
        HttpReply refused{too_many_asks(request, wait), route, {}, 0};
        state.metrics().count_rejected("rate_limited");
        allow_origin(refused.response, origin);
        return refused;
      }
    }
    HttpReply reply = route == "/v1/ask" ? ask(state, request) : feedback(state, request);
    allow_origin(reply.response, origin);
    return reply;
  }
  if (path == "/v1/chat")  // a plain request without the upgrade headers
    return {error_for(request, http::status::upgrade_required, "upgrade_required",
                      "this is a WebSocket endpoint; see docs/protocol.md"),
            "/v1/chat", {}, 0};
  // The route names are literals, so a reply never points into the request.
  for (const std::string_view route : {"/healthz", "/readyz", "/metrics"}) {
    if (path != route) continue;
    if (!read) return {method_not_allowed(request, "GET, HEAD"), route, {}, 0};
    if (route == "/healthz") return {plain(request, http::status::ok, "ok\n"), route, {}, 0};
    if (route == "/readyz")
      return {state.ready() ? plain(request, http::status::ok, "ready\n")
                            : plain(request, http::status::service_unavailable, "not ready\n"),
              route, {}, 0};
    return {make_response(request, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                          state.metrics().render()),
            route, {}, 0};
  }
  for (const auto& handler : state.handlers()) {
    if (handler->handles(path)) {
      HttpResponse response = handler->handle(request);
      response.version(request.version());
      if (!request.keep_alive()) response.keep_alive(false);
      // A HEAD response carries GET's Content-Length with no body: prepare_payload() would zero it.
      if (request.method() != http::verb::head || !response.has_content_length()) response.prepare_payload();
      return {std::move(response), "handler", {}, 0};
    }
  }
  return {error_for(request, http::status::not_found, "not_found", "no such path"), "unknown", {}, 0};
}

}  // namespace adapters::server
