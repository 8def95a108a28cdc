// The operator's route: POST /admin/reload rebuilds the knowledge from the corpus folder and
// answers once the new snapshot answers, or the build failed and the old one still does.
// Behind `Authorization: Bearer <config.admin_token>`; without a token (or a reloader) the route
// does not exist. The session (http_session) starts the reload and writes its answer later.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "adapters/http_handler.hpp"
#include "adapters/server/shared_state.hpp"
#include "bot/knowledge_reloader.hpp"

namespace adapters::server {

inline constexpr std::string_view kReloadPath = "/admin/reload";

bool is_admin_path(std::string_view path);

// What an admin request gets before any work: 404 not_found (as for any unknown path) when the
// server has no admin token or no reloader; 401 unauthorized (with WWW-Authenticate: Bearer)
// for a missing or wrong token; then 405 for a method other than POST. Empty: it may reload.
std::optional<HttpResponse> refuse_admin_request(const SharedState& state, const HttpRequest& request);

// 200 {"status":"ok","generation":N,"documents":N,"took_ms":N}, or when the build failed 500
// with "status":"failed", the generation and documents still answering, and
// "error":{"code":"reload_failed","message":why}.
HttpResponse reload_response(unsigned version, bool keep_alive, const bot::ReloadResult& result);

// 409 while another reload runs: {"status":"running","generation":N,"error":{"code":"reload_in_progress",...}}.
HttpResponse reload_busy_response(unsigned version, bool keep_alive, std::uint64_t generation);

// Whether `authorization` (a header's value) is "Bearer <token>", the scheme in any case. The
// token is compared in constant time: both sides are hashed first, so neither its content nor
// its length shows in the time taken. An empty `token` matches nothing.
bool bearer_token_matches(std::string_view authorization, std::string_view token);

}  // namespace adapters::server
