// `serve --watch`: the corpus folder and its subfolders watched with inotify on the server's
// io_context (no thread of its own, no polling); a burst of changes calls back once, when the
// folder has been quiet for the debounce time.
#pragma once

#include <sys/inotify.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <unordered_set>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "adapters/common/json_log.hpp"

namespace adapters::server {

// The quiet time after the last change before the callback, unless serve --watch-debounce says otherwise.
inline constexpr std::chrono::milliseconds kDefaultWatchDebounce{500};
// The most a callback waits after the first change of a burst, for a folder that never goes quiet.
inline constexpr std::chrono::seconds kLongestWatchDelay{10};

// What counts as a change: in the folder or a subfolder, a file or folder created, deleted or
// renamed, a file closed after writing (not each write: a half-written file is not read), and
// permissions changed; the folder itself deleted, renamed or replaced (a symlink swapped in the
// folder that holds it). Kubernetes updates a ConfigMap volume by renaming its "..data" symlink,
// which is a rename in the folder. Hidden subfolders ("..2024_01_01_00_00_00.1", ".git") are not
// watched, as the index does not read them; changes of hidden names in a watched folder count.
//
// Thread safety: the watcher runs on its own strand of the executor; start() may be called
// from any thread. It keeps itself alive through its pending handlers, and stops when the
// io_context stops or is destroyed.
class CorpusWatcher : public std::enable_shared_from_this<CorpusWatcher> {
 public:
  // Called on the watcher's strand, once per burst of changes; should return quickly.
  using OnChange = std::function<void()>;

  // Starts watching `folder`. Throws std::system_error saying why it cannot: no inotify (its
  // instance limit), or the folder cannot be watched (missing, unreadable, fs.inotify.max_user_watches).
  static std::shared_ptr<CorpusWatcher> start(const boost::asio::any_io_executor& executor,
                                              const std::filesystem::path& folder,
                                              std::chrono::milliseconds debounce, OnChange on_change, JsonLog log);

  // The folders watched now (the corpus folder and its subfolders, without the one holding it).
  std::size_t watched_folders() const { return watches_.size() - (parent_watch_ >= 0 ? 1 : 0); }

 private:
  CorpusWatcher(const boost::asio::any_io_executor& executor, std::filesystem::path folder,
                std::chrono::milliseconds debounce, OnChange on_change, JsonLog log);
  // Removes every watch and adds them again: the holding folder, the corpus folder, its subfolders.
  // Throws std::system_error when the corpus folder cannot be watched.
  void watch_all();
  void read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void changed();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::posix::stream_descriptor inotify_;
  boost::asio::steady_timer quiet_;
  const std::filesystem::path folder_;
  const std::filesystem::path parent_;
  const std::chrono::milliseconds debounce_;
  const OnChange on_change_;
  const JsonLog log_;

  std::unordered_set<int> watches_;
  int folder_watch_ = -1;
  int parent_watch_ = -1;
  bool pending_ = false;                                 // a change waits for the quiet time
  std::chrono::steady_clock::time_point first_change_;  // of the pending burst
  std::uint64_t waits_ = 0;                              // the latest quiet-time wait; older ones do nothing
  std::uint64_t events_ = 0;                             // in the pending burst, for the log
  alignas(inotify_event) std::array<char, 64 * 1024> buffer_{};
};

}  // namespace adapters::server
