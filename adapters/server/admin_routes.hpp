// The operator's routes, behind `Authorization: Bearer <config.admin_token>`; without a token
// none exists (404). POST /admin/reload rebuilds the knowledge from the corpus folder and answers
// once the new snapshot answers, or the build failed and the old one still does (the session,
// http_session, starts the reload and writes its answer later). GET /admin/unanswered,
// /admin/feedback and /admin/stats show what the learning loop recorded; GET /admin/ is the page
// that shows them in a browser (the web folder's admin/ files, served by the handler that has them).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "adapters/common/http_handler.hpp"
#include "adapters/server/shared_state.hpp"
#include "bot/knowledge_reloader.hpp"

namespace adapters::server {

inline constexpr std::string_view kReloadPath = "/admin/reload";
// The route name of the admin page and its files (/admin/, /admin/admin.js, ...).
inline constexpr std::string_view kAdminPagePath = "/admin/";

// Every path under /admin/.
bool is_admin_path(std::string_view path);

// The fixed route name of a path for logs and metrics: an admin view's path, kAdminPagePath for
// any other path under /admin/ (the page's files, or none), "unknown" outside /admin/.
std::string_view admin_route(std::string_view path);

// The handler (of state.handlers()) that serves `path` as one of the admin page's files; null
// for a path under /admin/ that none has, and for a view's path.
HttpHandler* admin_page_handler(const SharedState& state, std::string_view path);

// What an admin request gets before any work: 404 not_found (as for any unknown path) when the
// server has no admin token, for a path that is no admin route or page file, and for
// /admin/reload without a reloader; the page's files then need no token (a browser asks for
// them without one) and get 405 for a method other than GET and HEAD; the rest get 401
// unauthorized (with WWW-Authenticate: Bearer) for a missing or wrong token, then 405 for a
// method other than POST (reload) or GET and HEAD (the views). Empty: it may go on.
std::optional<HttpResponse> refuse_admin_request(const SharedState& state, const HttpRequest& request);

// The answer of GET /admin/unanswered?since=&limit=, /admin/feedback?since=&limit= or
// /admin/stats?since= (bot/learning_report.hpp's JSON), or of one of the admin page's files,
// for a request refuse_admin_request let through. since: 7d, 12h, 30m or YYYY-MM-DD (default:
// all that is kept); limit: 1 to 1000 (default 50); format=jsonl on /admin/unanswered: the
// question set `mlops-bot review --export` writes, as a file to download; anything else 400.
// 404 learning_off when learning is off. Reads the learning file on the calling thread: these
// are rare requests of an operator.
HttpResponse admin_view(SharedState& state, const HttpRequest& request);

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
