#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace platforms_test {
namespace {

// The startup can include building the knowledge base on the first run.
constexpr std::chrono::seconds kStartupTimeout{120};

std::vector<std::string> child_environment(const Environment& overrides) {
  std::vector<std::string> variables;
  for (char** entry = environ; *entry; ++entry) {
    const std::string variable = *entry;
    if (variable.starts_with("SLACK_") || variable.starts_with("DISCORD_")) continue;
    if (overrides.contains(variable.substr(0, variable.find('=')))) continue;
    variables.push_back(variable);
  }
  for (const auto& [name, value] : overrides) variables.push_back(name + "=" + value);
  return variables;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& text : strings) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

// Spawns the binary with stdout and stderr on a pipe; returns the pid and the read end.
pid_t spawn(std::vector<std::string> args, const Environment& environment, int& read_fd) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  args.insert(args.begin(), MLOPS_BOT_BINARY);
  auto variables = child_environment(environment);
  auto argv = pointers(args);
  auto envp = pointers(variables);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, MLOPS_BOT_BINARY, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (error != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error(std::string("cannot start mlops-bot: ") + std::strerror(error));
  }
  read_fd = pipe_fds[0];
  return pid;
}

// The inodes of the sockets process `pid` ("self" for this one) holds open.
std::set<std::string> socket_inodes(const std::string& pid) {
  std::set<std::string> inodes;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/" + pid + "/fd", error)) {
    const auto target = std::filesystem::read_symlink(entry.path(), error).string();
    if (!error && target.starts_with("socket:[")) inodes.insert(target.substr(8, target.size() - 9));
  }
  return inodes;
}

// The local port of a listening socket (state 0A) of `pid` in /proc/PID/net/tcp, or 0. The
// child inherits this process's sockets (a fake platform's listener among them): those are
// not its own.
unsigned short listening_port(pid_t pid) {
  auto inodes = socket_inodes(std::to_string(pid));
  for (const auto& inherited : socket_inodes("self")) inodes.erase(inherited);
  std::ifstream table("/proc/" + std::to_string(pid) + "/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
    if (state == "0A" && inodes.contains(inode))
      return static_cast<unsigned short>(std::stoul(local.substr(local.find(':') + 1), nullptr, 16));
  }
  return 0;
}

}  // namespace

ServerProcess::ServerProcess(const Environment& environment, const std::vector<std::string>& args) {
  std::vector<std::string> command{"serve", "--host", "127.0.0.1", "--port", "0"};
  command.insert(command.end(), args.begin(), args.end());
  pid_ = spawn(command, environment, stderr_fd_);
  reader_ = std::thread([this] {
    char chunk[4096];
    for (;;) {
      const auto size = read(stderr_fd_, chunk, sizeof chunk);
      if (size <= 0) break;
      std::lock_guard lock(mutex_);
      log_.append(chunk, static_cast<std::size_t>(size));
      changed_.notify_all();
    }
  });
  const auto off = std::adjacent_find(args.begin(), args.end(), [](const auto& flag, const auto& value) {
    return flag == "--log-level" && value == "off";
  });
  if (off != args.end()) {
    wait_for_listening_socket();
    return;
  }
  static const std::regex listening(R"re("event":"listening"[^\n]*"port":(\d+))re");
  std::unique_lock lock(mutex_);
  std::smatch match;
  if (!changed_.wait_for(lock, kStartupTimeout, [&] { return std::regex_search(log_, match, listening); })) {
    lock.unlock();
    fail("mlops-bot serve did not report its port");
  }
  port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
}

void ServerProcess::wait_for_listening_socket() {
  // Polled: a silent server says nothing to wait on. It binds before it serves, so a
  // request sent once the socket listens waits in the backlog until the server runs.
  const auto deadline = std::chrono::steady_clock::now() + kStartupTimeout;
  while ((port_ = listening_port(pid_)) == 0) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      fail("mlops-bot serve exited before it listened");
    }
    if (std::chrono::steady_clock::now() > deadline) fail("mlops-bot serve did not listen");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void ServerProcess::fail(const std::string& what) {
  // The destructor does not run for a constructor that throws: end the child and the reader here.
  if (pid_ > 0) kill(pid_, SIGKILL);
  stop();
  throw std::runtime_error(what + "; its output:\n" + log());
}

void ServerProcess::stop() {
  if (!reader_.joinable()) return;
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  reader_.join();
  close(stderr_fd_);
}

ServerProcess::~ServerProcess() { stop(); }

void ServerProcess::send_signal(int signal) const {
  if (pid_ <= 0 || !reader_.joinable() || kill(pid_, signal) != 0)
    throw std::runtime_error("cannot signal the server: it is not running");
}

bool ServerProcess::wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return log_.find(text) != std::string::npos; });
}

std::string ServerProcess::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

int run_command(const std::vector<std::string>& args, const Environment& environment, std::string& output,
                std::chrono::seconds limit) {
  int fd = -1;
  const pid_t pid = spawn(args, environment, fd);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char chunk[4096];
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd readable{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&readable, 1, static_cast<int>(left.count())) == 0) {
      timed_out = true;
      break;
    }
    const ssize_t size = read(fd, chunk, sizeof chunk);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) break;
    output.append(chunk, static_cast<std::size_t>(size));
  }
  close(fd);
  if (timed_out) {
    kill(pid, SIGKILL);
    output += "\n[run_command: still running after " + std::to_string(limit.count()) + " s, killed]\n";
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return !timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace platforms_test
