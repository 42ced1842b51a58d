# Settings of a service under load test: source it, then start the jar.
#   . load-tests/service-env.sh && java -Xmx384m -jar target/epupns.jar
# Every virtual user comes from 127.0.0.1, so the per-IP limits are raised (not removed: the
# limiter still counts every request, as in production); per-NIP and per-account limits stay.
export EPUPNS_CAPTCHA_EXPOSE_ANSWER=true          # scenarios read the answer (refused in production)
export EPUPNS_CAPTCHA_TTL_SECONDS=600
export EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP=100000000
export EPUPNS_RATE_LIMIT_LOOKUP_PER_IP=100000000
export EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP=100000000
export EPUPNS_RATE_LIMIT_STATUS_PER_IP=100000000
export EPUPNS_RATE_LIMIT_LOGIN_PER_IP=100000000
export EPUPNS_RATE_LIMIT_PROOF_PER_IP=100000000
export EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP=100000000
export EPUPNS_RATE_LIMIT_ADMISSION_PER_IP=100000000
export EPUPNS_DB_URL=${EPUPNS_DB_URL:-postgresql://postgres@127.0.0.1:5432/epupns_lt}
export EPUPNS_REDIS_KEY_PREFIX=${EPUPNS_REDIS_KEY_PREFIX:-epupns-lt:}
export EPUPNS_UPLOADS_DIRECTORY=${EPUPNS_UPLOADS_DIRECTORY:-target/lt-uploads}
