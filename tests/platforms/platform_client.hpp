// Requests to the server under test, signed as Slack or Discord would sign them.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "adapters/common/http_handler.hpp"

namespace platforms_test {

using Headers = std::map<std::string, std::string>;

// POSTs `body` to http://127.0.0.1:port + path with `headers`; returns the response.
adapters::HttpResponse post(unsigned short port, const std::string& path, const std::string& body,
                            const Headers& headers);

// GETs http://127.0.0.1:port + path; returns the response.
adapters::HttpResponse get(unsigned short port, const std::string& path);

// Unix seconds now, as a string, for X-Slack-Request-Timestamp.
std::string unix_now();

// The headers Slack sends: a v0 signature of `body` at `timestamp` with `secret`.
Headers slack_headers(const std::string& secret, const std::string& body, const std::string& timestamp,
                      const std::string& content_type = "application/json");

}  // namespace platforms_test
