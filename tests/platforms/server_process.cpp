#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <regex>
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

}  // namespace

ServerProcess::ServerProcess(const Environment& environment) {
  pid_ = spawn({"serve", "--host", "127.0.0.1", "--port", "0"}, environment, stderr_fd_);
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
  static const std::regex listening(R"re("event":"listening"[^\n]*"port":(\d+))re");
  std::unique_lock lock(mutex_);
  std::smatch match;
  if (!changed_.wait_for(lock, kStartupTimeout, [&] { return std::regex_search(log_, match, listening); })) {
    lock.unlock();
    throw std::runtime_error("mlops-bot serve did not report its port; its log:\n" + log());
  }
  port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
}

ServerProcess::~ServerProcess() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  reader_.join();
  close(stderr_fd_);
}

bool ServerProcess::wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return log_.find(text) != std::string::npos; });
}

std::string ServerProcess::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

int run_command(const std::vector<std::string>& args, const Environment& environment, std::string& output) {
  int fd = -1;
  const pid_t pid = spawn(args, environment, fd);
  char chunk[4096];
  for (ssize_t size; (size = read(fd, chunk, sizeof chunk)) > 0;) output.append(chunk, static_cast<std::size_t>(size));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace platforms_test
