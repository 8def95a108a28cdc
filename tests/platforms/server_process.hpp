// The real `mlops-bot` binary (MLOPS_BOT_BINARY) run as a child process by the tests, with
// an environment of the test's choosing: `serve` on a loopback ephemeral port, or a one-shot
// command such as `discord-register`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace platforms_test {

// Variables to set for the child. The child inherits the test's environment minus every
// SLACK_* and DISCORD_* variable, so only what a test sets configures an adapter.
using Environment = std::map<std::string, std::string>;

class ServerProcess {
 public:
  // Starts `mlops-bot serve --host 127.0.0.1 --port 0 args...` and waits for its
  // {"event":"listening","port":N} line; with "--log-level off" among `args`, which silences
  // that line, waits instead until /proc shows the child listening. Throws
  // std::runtime_error when neither comes.
  explicit ServerProcess(const Environment& environment, const std::vector<std::string>& args = {});
  ~ServerProcess();  // stop()
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  // SIGTERM, then waits for the child and for the end of its output. Idempotent.
  void stop();
  // Sends `signal` (SIGHUP, say) to the running child.
  void send_signal(int signal) const;
  // Waits until the child's stderr contains `text`.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const;
  std::string log() const;

 private:
  // The port of the child's listening TCP socket, once it has one.
  void wait_for_listening_socket();
  // Ends the child and throws std::runtime_error with `what` and the child's output.
  [[noreturn]] void fail(const std::string& what);

  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string log_;
  std::thread reader_;
};

// Runs `mlops-bot args...` to completion; returns its exit code, its stdout+stderr in `output`.
// A command still running after `limit` (a server that started when it should have refused to)
// is killed: -1, and `output` ends with a line saying so, so the test fails at once rather than
// at ctest's timeout.
int run_command(const std::vector<std::string>& args, const Environment& environment, std::string& output,
                std::chrono::seconds limit = std::chrono::seconds(120));

}  // namespace platforms_test
