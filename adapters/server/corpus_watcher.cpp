#include "adapters/server/corpus_watcher.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>

namespace adapters::server {
namespace net = boost::asio;
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kFolderEvents = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE |
                                        IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// In the folder holding the corpus folder: only its name matters (the folder replaced).
constexpr std::uint32_t kParentEvents = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR;

bool is_hidden(const fs::path& path) { return path.filename().string().starts_with('.'); }

// "/srv/corpus/" and "corpus" alike: the absolute path without a trailing separator.
fs::path normal_folder(const fs::path& folder) {
  auto path = fs::absolute(folder).lexically_normal();
  if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) path = path.parent_path();
  return path;
}

}  // namespace

std::shared_ptr<CorpusWatcher> CorpusWatcher::start(const net::any_io_executor& executor, const fs::path& folder,
                                                    std::chrono::milliseconds debounce, OnChange on_change,
                                                    JsonLog log) {
  std::shared_ptr<CorpusWatcher> watcher(new CorpusWatcher(executor, folder, debounce, std::move(on_change), log));
  watcher->watch_all();
  net::dispatch(watcher->strand_, [watcher] { watcher->read(); });
  return watcher;
}

CorpusWatcher::CorpusWatcher(const net::any_io_executor& executor, fs::path folder,
                             std::chrono::milliseconds debounce, OnChange on_change, JsonLog log)
    : strand_(net::make_strand(executor)),
      inotify_(strand_),
      quiet_(strand_),
      folder_(normal_folder(folder)),
      parent_(folder_.parent_path()),
      debounce_(debounce),
      on_change_(std::move(on_change)),
      log_(log) {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0)
    throw std::system_error(errno, std::generic_category(),
                            "cannot watch " + folder_.string() + ": inotify (fs.inotify.max_user_instances?)");
  inotify_.assign(fd);
}

void CorpusWatcher::watch_all() {
  const int fd = inotify_.native_handle();
  for (const int watch : watches_) inotify_rm_watch(fd, watch);
  watches_.clear();
  folder_watch_ = parent_watch_ = -1;
  if (parent_ != folder_) {
    parent_watch_ = inotify_add_watch(fd, parent_.c_str(), kParentEvents);
    if (parent_watch_ >= 0) watches_.insert(parent_watch_);
  }
  // The corpus folder may be a symlink (to a release folder, say): its target is watched.
  folder_watch_ = inotify_add_watch(fd, folder_.c_str(), kFolderEvents);
  if (folder_watch_ < 0)
    throw std::system_error(errno, std::generic_category(), "cannot watch " + folder_.string());
  watches_.insert(folder_watch_);
  // Subfolders as the index reads them: hidden ones and links to folders are left out.
  std::error_code error;
  fs::recursive_directory_iterator it(folder_, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    if (!it->is_directory(error) || it->is_symlink(error)) continue;
    if (is_hidden(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    const int watch = inotify_add_watch(fd, it->path().c_str(), kFolderEvents | IN_DONT_FOLLOW);
    if (watch < 0)
      throw std::system_error(errno, std::generic_category(), "cannot watch " + it->path().string());
    watches_.insert(watch);
  }
}

void CorpusWatcher::read() {
  inotify_.async_read_some(net::buffer(buffer_),
                           [self = shared_from_this()](boost::system::error_code ec, std::size_t bytes) {
                             self->on_read(ec, bytes);
                           });
}

void CorpusWatcher::on_read(boost::system::error_code ec, std::size_t bytes) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    log_.write(LogLevel::warn,
               LogLine()
                   .add("event", "watch_failed")
                   .add("folder", folder_.string())
                   .add("error", ec.message())
                   .add("effect", "changes are no longer noticed; reload with SIGHUP or POST /admin/reload"));
    return;
  }
  bool change = false, rewatch = false;
  for (std::size_t at = 0; at + sizeof(inotify_event) <= bytes;) {
    inotify_event event;
    std::memcpy(&event, buffer_.data() + at, sizeof event);
    // The name is NUL-padded to event.len.
    const std::string_view name = event.len ? std::string_view(buffer_.data() + at + sizeof event) : "";
    at += sizeof event + event.len;
    bool counts = false;
    if (event.mask & IN_Q_OVERFLOW) {  // events were lost: anything may have changed
      counts = rewatch = true;
    } else if (event.wd == parent_watch_) {
      if (name == folder_.filename().string()) counts = rewatch = true;
    } else if (event.mask & IN_IGNORED) {
      // A watch ended: its folder is gone (the deletion itself is an event of its parent). The
      // corpus folder's own going ends every watch: watch again, whatever now has its name.
      if (event.wd == folder_watch_) counts = rewatch = true;
    } else {
      counts = true;
      // A new subfolder needs a watch of its own; the corpus folder moved away needs its name watched again.
      if (((event.mask & IN_ISDIR) && (event.mask & (IN_CREATE | IN_MOVED_TO))) ||
          (event.wd == folder_watch_ && (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF))))
        rewatch = true;
    }
    if (counts) ++events_;
    change = change || counts;
  }
  if (rewatch) {
    try {
      watch_all();
    } catch (const std::system_error& error) {
      // The corpus folder is missing for now: the folder holding it tells when it is back.
      log_.write(LogLevel::warn, LogLine()
                                     .add("event", "watch_incomplete")
                                     .add("folder", folder_.string())
                                     .add("error", error.what()));
    }
  }
  if (change) changed();
  read();
}

void CorpusWatcher::changed() {
  const auto now = std::chrono::steady_clock::now();
  if (!pending_) {
    pending_ = true;
    first_change_ = now;
  }
  // The quiet time after this change, but never longer than kLongestWatchDelay after the first.
  const auto longest = std::max<std::chrono::steady_clock::duration>(kLongestWatchDelay, debounce_);
  quiet_.expires_at(std::min(now + debounce_, first_change_ + longest));
  // A wait that had already expired, its handler queued, must not fire as well: only the latest does.
  quiet_.async_wait([self = shared_from_this(), wait = ++waits_](boost::system::error_code ec) {
    if (ec || wait != self->waits_) return;
    self->pending_ = false;
    self->log_.write(LogLevel::info, LogLine()
                                         .add("event", "corpus_changed")
                                         .add("folder", self->folder_.string())
                                         .add("events", static_cast<std::int64_t>(self->events_)));
    self->events_ = 0;
    self->on_change_();
  });
}

}  // namespace adapters::server
