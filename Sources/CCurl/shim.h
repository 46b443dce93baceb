// libcurl, imported into Swift by RelaySMTP only.
#ifndef RELAY_CCURL_SHIM_H
#define RELAY_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift does not import: one typed
// wrapper per argument kind.
static inline CURLcode relay_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode relay_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode relay_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode relay_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode relay_curl_set_read_function(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}
static inline CURLcode relay_curl_set_debug_function(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}
static inline CURLcode relay_curl_info_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static const size_t RELAY_CURL_ERROR_SIZE = CURL_ERROR_SIZE;

// Spelled CURLOPT_MAIL_RCPT_ALLLOWFAILS before curl 8.2.
#if LIBCURL_VERSION_NUM >= 0x080200
static const CURLoption RELAY_CURLOPT_MAIL_RCPT_ALLOWFAILS = CURLOPT_MAIL_RCPT_ALLOWFAILS;
#else
static const CURLoption RELAY_CURLOPT_MAIL_RCPT_ALLOWFAILS = CURLOPT_MAIL_RCPT_ALLLOWFAILS;
#endif
#endif
