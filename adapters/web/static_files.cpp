#include "adapters/web/static_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <zlib.h>

namespace adapters::web {
namespace {

namespace http = boost::beast::http;

struct Type {
  std::string_view extension;
  std::string_view content_type;
};

constexpr std::array kTypes{
    Type{".html", "text/html; charset=utf-8"},     Type{".js", "text/javascript; charset=utf-8"},
    Type{".css", "text/css; charset=utf-8"},       Type{".svg", "image/svg+xml; charset=utf-8"},
    Type{".png", "image/png"},                     Type{".ico", "image/x-icon"},
};

// The bytes of `path` when it is a regular file and not a symbolic link; empty when it is
// something else. O_NOFOLLOW refuses a link even if one replaced the file since it was listed.
std::optional<std::string> read_regular_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) return std::nullopt;
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  std::string content;
  struct stat info {};
  bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (regular) {
    char chunk[16384];
    ssize_t got;
    while ((got = ::read(fd, chunk, sizeof chunk)) > 0) content.append(chunk, static_cast<std::size_t>(got));
    if (got < 0) {
      const int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(error));
    }
  }
  ::close(fd);
  if (!regular) return std::nullopt;
  return content;
}

// FNV-1a, 64 bits: a validator only has to change when the bytes do, it guards no secret.
std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char byte : bytes) hash = (hash ^ byte) * 1099511628211ULL;
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(hash));
  return std::string(hex.data(), 16);
}

std::string gzip(std::string_view bytes) {
  z_stream stream{};
  // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
  return out;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Calls visit(item) for each comma-separated item of a header value, trimmed.
template <typename Visit>
void for_each_item(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (auto item = trim(list.substr(0, comma)); !item.empty()) visit(item);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
}

// RFC 9110 §12.5.3: gzip is acceptable when listed (or covered by "*") with a q-value above 0.
bool accepts_gzip(std::string_view accept_encoding) {
  double gzip_q = -1, any_q = -1;
  for_each_item(accept_encoding, [&](std::string_view item) {
    const auto semicolon = item.find(';');
    const auto coding = trim(item.substr(0, semicolon));
    double q = 1;
    if (semicolon != std::string_view::npos) {
      const auto parameter = trim(item.substr(semicolon + 1));
      if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=')
        q = std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      gzip_q = q;
    else if (coding == "*")
      any_q = q;
  });
  return gzip_q > 0 || (gzip_q < 0 && any_q > 0);
}

// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter.
bool matches_any(std::string_view if_none_match, std::string_view etag) {
  bool matched = false;
  for_each_item(if_none_match, [&](std::string_view item) {
    if (item.starts_with("W/")) item.remove_prefix(2);
    matched = matched || item == "*" || item == etag;
  });
  return matched;
}

HttpResponse json_error(const HttpRequest& request, http::status status, std::string_view code,
                        std::string_view message) {
  HttpResponse response{status, request.version()};
  response.set(http::field::content_type, "application/json");
  response.body() = "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" + std::string(message) + "\"}}";
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

}  // namespace

std::filesystem::path StaticFiles::default_dir() {
  if (const char* dir = std::getenv("MLOPS_BOT_WEB_DIR"); dir && *dir) return dir;
  return MLOPS_BOT_DEFAULT_WEB_DIR;
}

StaticFiles::StaticFiles(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder))
    throw std::runtime_error("the web folder " + folder.string() + " does not exist (set --web-dir or MLOPS_BOT_WEB_DIR)");
  // The folder itself may be reached through a link; what is in it may not lead out of it.
  const auto root = std::filesystem::canonical(folder);
  read_folder(root, "/");
  // The admin page: its own folder, so that every one of its paths is under /admin/, where the
  // server asks for the admin token's configuration first (admin_routes.hpp). Not followed
  // when it is a symbolic link, like any file.
  if (const auto admin = root / "admin"; std::filesystem::is_directory(std::filesystem::symlink_status(admin)))
    read_folder(admin, "/admin/");
  if (!files_.contains("/") || !files_.contains("/widget.js"))
    throw std::runtime_error("the web folder " + folder.string() +
                             " has no index.html or widget.js (regular files: symbolic links are not served)");
}

void StaticFiles::read_folder(const std::filesystem::path& root, std::string_view url_prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    // A symbolic link could point anywhere (/etc/passwd), so none is served.
    if (entry.is_symlink() || !entry.is_regular_file()) continue;
    if (std::filesystem::canonical(entry.path()).parent_path() != root) continue;
    const auto extension = entry.path().extension().string();
    for (const auto& type : kTypes) {
      if (type.extension != extension) continue;
      auto body = read_regular_file(entry.path());
      if (!body) break;
      File file;
      file.content_type = type.content_type;
      file.is_html = extension == ".html";
      // The page is revalidated every time; the widget's files may be reused for five minutes,
      // so a restyled widget reaches every visitor within that time.
      file.cache_control = file.is_html ? "no-cache" : "public, max-age=300";
      file.body = std::move(*body);
      file.etag = "\"" + content_hash(file.body) + "\"";
      if (auto compressed = gzip(file.body); compressed.size() < file.body.size()) {
        file.gzip_body = std::move(compressed);
        // Each representation has its own strong validator (RFC 9110 §8.8.3).
        file.gzip_etag = "\"" + content_hash(file.body) + "-gz\"";
      }
      const auto name = entry.path().filename().string();
      files_.emplace(std::string(url_prefix) + (name == "index.html" ? "" : name), std::move(file));
    }
  }
}

bool StaticFiles::handles(std::string_view path) const { return files_.contains(path); }

HttpResponse StaticFiles::handle(const HttpRequest& request) {
  const auto target = std::string_view(request.target());
  const auto found = files_.find(target.substr(0, target.find('?')));
  if (found == files_.end()) return json_error(request, http::status::not_found, "not_found", "no such file");
  const File& file = found->second;
  const bool head = request.method() == http::verb::head;
  if (!head && request.method() != http::verb::get) {
    auto response = json_error(request, http::status::method_not_allowed, "method_not_allowed", "use GET or HEAD");
    response.set(http::field::allow, "GET, HEAD");
    return response;
  }

  const bool gzipped = !file.gzip_body.empty() && accepts_gzip(request[http::field::accept_encoding]);
  const std::string& etag = gzipped ? file.gzip_etag : file.etag;
  const bool not_modified = matches_any(request[http::field::if_none_match], etag);

  HttpResponse response{not_modified ? http::status::not_modified : http::status::ok, request.version()};
  response.keep_alive(request.keep_alive());
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, file.cache_control);
  response.set(http::field::vary, "Accept-Encoding");
  if (file.is_html) response.set("Content-Security-Policy", kContentSecurityPolicy);
  if (not_modified) return response;

  response.set(http::field::content_type, file.content_type);
  response.set("X-Content-Type-Options", "nosniff");
  if (gzipped) response.set(http::field::content_encoding, "gzip");
  const std::string& body = gzipped ? file.gzip_body : file.body;
  // A HEAD answer carries the length of the body a GET would have, and no body.
  response.content_length(body.size());
  if (!head) response.body() = body;
  return response;
}

}  // namespace adapters::web
