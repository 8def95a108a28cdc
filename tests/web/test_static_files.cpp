// adapters::web::StaticFiles: what it serves, its validators, gzip and the demo page's CSP.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <zlib.h>

#include "adapters/web/static_files.hpp"

namespace {

namespace http = boost::beast::http;
namespace fs = std::filesystem;
using adapters::web::StaticFiles;

// A web folder of its own per test, removed afterwards.
struct WebFolder {
  fs::path path = fs::temp_directory_path() / ("mlops-web-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  WebFolder() {
    fs::create_directories(path);
    write("index.html", "<!doctype html><title>demo</title><script src=\"/widget.js\" async></script>");
    std::string script;
    for (int i = 0; i < 200; ++i) script += "console.log('a line that repeats, so gzip shrinks it');\n";
    write("widget.js", script);
    write("widget.css", ":host { color: #123; }");
    write("CMakeLists.txt", "not for the web");
    write("static_files.cpp", "not for the web either");
  }
  ~WebFolder() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path / name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

adapters::HttpRequest get(std::string target, http::verb verb = http::verb::get) {
  adapters::HttpRequest request{verb, target, 11};
  request.set(http::field::host, "127.0.0.1");
  return request;
}

std::string gunzip(const std::string& bytes) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  int result = Z_OK;
  while (result == Z_OK) {
    char chunk[4096];
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  REQUIRE(result == Z_STREAM_END);
  return out;
}

}  // namespace

TEST_CASE("serves the demo page at / and the widget's files with their content types") {
  WebFolder folder;
  StaticFiles files(folder.path);
  CHECK(files.handles("/"));
  CHECK(files.handles("/widget.js"));
  CHECK(files.handles("/widget.css"));

  auto page = files.handle(get("/"));
  CHECK(page.result() == http::status::ok);
  CHECK(page[http::field::content_type] == "text/html; charset=utf-8");
  CHECK(page.body() == folder.read("index.html"));
  CHECK(files.handle(get("/widget.js"))[http::field::content_type] == "text/javascript; charset=utf-8");
  CHECK(files.handle(get("/widget.css"))[http::field::content_type] == "text/css; charset=utf-8");
  CHECK(files.handle(get("/widget.css"))["X-Content-Type-Options"] == "nosniff");
  CHECK(files.handle(get("/widget.js?v=2")).body() == folder.read("widget.js"));
}

TEST_CASE("claims nothing else: sources beside the files, other paths, traversal") {
  WebFolder folder;
  StaticFiles files(folder.path);
  CHECK_FALSE(files.handles("/CMakeLists.txt"));
  CHECK_FALSE(files.handles("/static_files.cpp"));
  CHECK_FALSE(files.handles("/index.html"));
  CHECK_FALSE(files.handles("/v1/ask"));
  CHECK_FALSE(files.handles("/healthz"));
  CHECK_FALSE(files.handles("/../widget.js"));
  CHECK_FALSE(files.handles("/widget.js/"));
  CHECK_FALSE(files.handles(""));
}

TEST_CASE("a strong ETag from the content, and 304 when If-None-Match carries it") {
  WebFolder folder;
  StaticFiles files(folder.path);
  auto first = files.handle(get("/widget.js"));
  const std::string etag(first[http::field::etag]);
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');
  CHECK_FALSE(etag.starts_with("W/"));
  CHECK(first[http::field::cache_control] == "public, max-age=300");
  CHECK(first[http::field::vary] == "Accept-Encoding");

  auto request = get("/widget.js");
  request.set(http::field::if_none_match, "\"other\", " + etag);
  auto cached = files.handle(request);
  CHECK(cached.result() == http::status::not_modified);
  CHECK(cached.body().empty());
  CHECK(cached[http::field::etag] == etag);

  request.set(http::field::if_none_match, "W/" + etag);  // If-None-Match compares weakly
  CHECK(files.handle(request).result() == http::status::not_modified);
  request.set(http::field::if_none_match, "*");
  CHECK(files.handle(request).result() == http::status::not_modified);
  request.set(http::field::if_none_match, "\"something-else\"");
  CHECK(files.handle(request).result() == http::status::ok);

  SECTION("the ETag changes with the content (files are read at construction)") {
    folder.write("widget.js", "console.log('restyled');");
    StaticFiles reloaded(folder.path);
    CHECK(reloaded.handle(get("/widget.js"))[http::field::etag] != etag);
    CHECK(files.handle(get("/widget.js")).body() != "console.log('restyled');");
  }
}

TEST_CASE("gzip when Accept-Encoding allows it, and the body inflates back to the file") {
  WebFolder folder;
  StaticFiles files(folder.path);
  auto request = get("/widget.js");
  request.set(http::field::accept_encoding, "br;q=1.0, gzip;q=0.8, *;q=0.1");
  auto zipped = files.handle(request);
  CHECK(zipped.result() == http::status::ok);
  CHECK(zipped[http::field::content_encoding] == "gzip");
  CHECK(zipped.body().size() < folder.read("widget.js").size());
  CHECK(gunzip(zipped.body()) == folder.read("widget.js"));
  CHECK(zipped[http::field::etag] != files.handle(get("/widget.js"))[http::field::etag]);

  request.set(http::field::if_none_match, zipped[http::field::etag]);
  CHECK(files.handle(request).result() == http::status::not_modified);

  for (const char* refused : {"gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *"}) {
    INFO(refused);
    request.set(http::field::accept_encoding, refused);
    request.erase(http::field::if_none_match);
    auto plain = files.handle(request);
    CHECK(plain[http::field::content_encoding].empty());
    CHECK(plain.body() == folder.read("widget.js"));
  }
  for (const char* accepted : {"gzip", "GZIP", "deflate, gzip", "*", "x-gzip"}) {
    INFO(accepted);
    request.set(http::field::accept_encoding, accepted);
    CHECK(files.handle(request)[http::field::content_encoding] == "gzip");
  }

  SECTION("a file gzip would not shrink is sent as it is") {
    request = get("/widget.css");
    request.set(http::field::accept_encoding, "gzip");
    auto css = files.handle(request);
    CHECK(css[http::field::content_encoding].empty());
    CHECK(css.body() == folder.read("widget.css"));
  }
}

TEST_CASE("the demo page carries a Content-Security-Policy, the scripts do not need one") {
  WebFolder folder;
  StaticFiles files(folder.path);
  auto page = files.handle(get("/"));
  const std::string csp(page["Content-Security-Policy"]);
  CHECK(csp == StaticFiles::kContentSecurityPolicy);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(page[http::field::cache_control] == "no-cache");
  CHECK(files.handle(get("/widget.js"))["Content-Security-Policy"].empty());
}

TEST_CASE("HEAD has GET's headers and no body — other methods get 405") {
  WebFolder folder;
  StaticFiles files(folder.path);
  auto head = files.handle(get("/widget.js", http::verb::head));
  CHECK(head.result() == http::status::ok);
  CHECK(head.body().empty());
  CHECK(head[http::field::content_length] == std::to_string(folder.read("widget.js").size()));

  auto post = files.handle(get("/", http::verb::post));
  CHECK(post.result() == http::status::method_not_allowed);
  CHECK(post[http::field::allow] == "GET, HEAD");
  CHECK(post[http::field::content_type] == "application/json");
}

TEST_CASE("a folder that is missing or lacks the widget is refused at construction") {
  CHECK_THROWS_WITH(StaticFiles(fs::path("/nonexistent/web")), Catch::Contains("does not exist"));
  WebFolder folder;
  fs::remove(folder.path / "widget.js");
  CHECK_THROWS_WITH(StaticFiles(folder.path), Catch::Contains("widget.js"));
}

TEST_CASE("the project's own adapters/web folder is servable") {
  StaticFiles files(fs::path(MLOPS_BOT_SOURCE_DIR) / "adapters" / "web");
  CHECK(files.handles("/"));
  CHECK(files.handles("/widget.js"));
  CHECK(files.handles("/widget.css"));
  CHECK(files.handles("/demo.css"));
  CHECK_FALSE(files.handles("/static_files.cpp"));
  CHECK_FALSE(files.handles("/README.md"));
  CHECK(files.handle(get("/widget.js")).body().size() < 30 * 1024);
  CHECK(files.handles("/admin/"));
  CHECK(files.handles("/admin/admin.js"));
  CHECK(files.handles("/admin/admin.css"));
}

TEST_CASE("the admin/ folder is served under /admin/, its index.html at /admin/, with the CSP") {
  WebFolder folder;
  fs::create_directory(folder.path / "admin");
  folder.write("admin/index.html", "<!doctype html><title>admin</title><script src=\"admin.js\" defer></script>");
  folder.write("admin/admin.js", "console.log('admin');");
  folder.write("admin/notes.md", "not for the web");
  fs::create_directory(folder.path / "admin" / "deeper");
  folder.write("admin/deeper/more.js", "only the top of admin/ is served");
  StaticFiles files(folder.path);
  CHECK(files.handles("/admin/"));
  CHECK(files.handles("/admin/admin.js"));
  CHECK_FALSE(files.handles("/admin/index.html"));
  CHECK_FALSE(files.handles("/admin/notes.md"));
  CHECK_FALSE(files.handles("/admin/deeper/more.js"));
  CHECK_FALSE(files.handles("/admin.js"));
  const auto page = files.handle(get("/admin/"));
  CHECK(page.result() == http::status::ok);
  CHECK(page.body() == folder.read("admin/index.html"));
  CHECK(page["Content-Security-Policy"] == StaticFiles::kContentSecurityPolicy);
  CHECK(files.handle(get("/admin/admin.js"))[http::field::content_type] == "text/javascript; charset=utf-8");
}

TEST_CASE("an admin/ folder that is a symbolic link is not followed") {
  WebFolder folder;
  WebFolder outside;
  fs::create_directory_symlink(outside.path, folder.path / "admin");
  StaticFiles files(folder.path);
  CHECK_FALSE(files.handles("/admin/"));
  CHECK_FALSE(files.handles("/admin/widget.js"));
}

TEST_CASE("symbolic links in the folder are not followed: nothing outside it is served") {
  WebFolder folder;
  WebFolder outside;
  outside.write("secret.css", "the password file");
  fs::create_symlink(outside.path / "secret.css", folder.path / "passwd.css");
  fs::create_symlink("/etc/passwd", folder.path / "etc.js");
  fs::create_directory(folder.path / "sub");
  fs::create_symlink(folder.path / "widget.css", folder.path / "sub.css");  // even one that stays inside
  StaticFiles files(folder.path);
  CHECK_FALSE(files.handles("/passwd.css"));
  CHECK_FALSE(files.handles("/etc.js"));
  CHECK_FALSE(files.handles("/sub.css"));
  CHECK(files.handles("/widget.css"));

  // A folder whose index.html is a link says why it is not taken.
  WebFolder linked;
  fs::rename(linked.path / "index.html", outside.path / "index.html");
  fs::create_symlink(outside.path / "index.html", linked.path / "index.html");
  CHECK_THROWS_WITH(StaticFiles(linked.path), Catch::Contains("symbolic links are not served"));
}

TEST_CASE("the folder itself may be reached through a link") {
  WebFolder folder;
  const auto link = fs::temp_directory_path() / ("mlops-web-link-" + std::to_string(::getpid()));
  fs::remove(link);
  fs::create_directory_symlink(folder.path, link);
  StaticFiles files(link);
  CHECK(files.handle(get("/widget.js")).body() == folder.read("widget.js"));
  fs::remove(link);
}
