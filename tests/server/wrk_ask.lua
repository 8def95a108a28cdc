-- wrk script for POST /v1/ask:
--   wrk -t1 -c50 -d10s -s tests/server/wrk_ask.lua http://127.0.0.1:8080/v1/ask
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text": "What does an MLOps engineer with 3 years experience earn?"}'
