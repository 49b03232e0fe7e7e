#pragma once
// Internal: conversion between ASN1_TIME (UTCTime/GeneralizedTime) and system_clock.

#include <openssl/types.h>

#include <chrono>

namespace credsvc::certs::detail {

// Throws Error naming `field` when the time cannot be decoded.
std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* time, const char* field);

// Writes `when` (whole seconds, UTC) into `time`; RFC 5280 §4.1.2.5 picks
// UTCTime before 2050 and GeneralizedTime from 2050 on, which ASN1_TIME_set does.
void set_asn1_time(ASN1_TIME* time, std::chrono::system_clock::time_point when, const char* field);

}  // namespace credsvc::certs::detail
