// Serves the web widget, its demo page and the admin page (GET/HEAD `/`, `/widget.js`, `/admin/`, ...) from
// a folder read once at start: strong ETags, 304 on If-None-Match, gzip precompressed at load.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "adapters/common/http_handler.hpp"

namespace adapters::web {

class StaticFiles final : public HttpHandler {
 public:
  // The Content-Security-Policy of the demo page: its own scripts and styles only, and a
  // WebSocket back to the same host (CSP 3 lets 'self' match ws: and wss: of the page's host).
  static constexpr std::string_view kContentSecurityPolicy =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  // Reads the regular files at the top of `folder` whose type it knows (.html, .js, .css, .svg,
  // .png, .ico: never the sources beside them); index.html answers `/`. The files of its
  // `admin/` folder, when there is one, are served under `/admin/` the same way (the admin
  // page at `/admin/`; the server lets requests reach them only when it has an admin token).
  // Symbolic links in the folder are not followed, so nothing outside it is served. Throws
  // std::runtime_error when the folder is missing or has no index.html or widget.js.
  explicit StaticFiles(const std::filesystem::path& folder = default_dir());

  // The folder in env MLOPS_BOT_WEB_DIR, else the project's adapters/web.
  static std::filesystem::path default_dir();

  bool handles(std::string_view path) const override;
  HttpResponse handle(const HttpRequest& request) override;

 private:
  struct File {
    std::string content_type;
    std::string cache_control;
    std::string body;
    std::string etag;
    std::string gzip_body;  // empty when gzip would not make the file smaller
    std::string gzip_etag;
    bool is_html = false;
  };
  // Adds the files at the top of `root` (canonical) at url_prefix + their name.
  void read_folder(const std::filesystem::path& root, std::string_view url_prefix);

  std::map<std::string, File, std::less<>> files_;
};

}  // namespace adapters::web
