#!/usr/bin/env bash
# SC2012: directory listings of known, plain file names are compared as text.
# SC2016: '$' in single quotes is a literal character of an invalid name.
# shellcheck disable=SC2012,SC2016
# Tests of scripts/makeCA and scripts/makeCert, checked with the openssl CLI.
# Usage: test_cert_scripts.sh SCRIPTS_DIR CASE
# Each case runs in a fresh temporary directory, with TMPDIR pointing into it
# so that every case also checks that the scripts leave no temporary files.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 SCRIPTS_DIR CASE" >&2; exit 2; }
scripts=$(cd "$1" && pwd)
case_name=$2
makeCA=$scripts/makeCA
makeCert=$scripts/makeCert

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/tmp" "$T/work"
export TMPDIR=$T/tmp
unset MAKECERT_P12_PASS OPENSSL
cd "$T/work"

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }

# ok CMD...: CMD must succeed; its stdout/stderr are kept in $T/out, $T/err.
ok() {
  if ! "$@" >"$T/out" 2>"$T/err"; then
    cat "$T/out" "$T/err" >&2
    fail "expected success: $*"
  fi
}
# refused CODE REGEX CMD...: CMD must exit with CODE (or any non-zero code if
# CODE is '!0') and print a one-line error matching REGEX on stderr.
refused() {
  local code=$1 regex=$2 rc=0; shift 2
  "$@" >"$T/out" 2>"$T/err" || rc=$?
  if [ "$code" = '!0' ]; then
    [ "$rc" -ne 0 ] || fail "expected failure, got exit 0: $*"
  else
    [ "$rc" -eq "$code" ] || { cat "$T/err" >&2; fail "expected exit $code, got $rc: $*"; }
  fi
  [ -z "$regex" ] || head -n 1 "$T/err" | grep -Eq -- "$regex" ||
    { cat "$T/err" >&2; fail "first stderr line does not match /$regex/: $*"; }
}

# Value lines of one extension, e.g. ext_value cert.pem subjectAltName.
ext_value() {
  openssl x509 -in "$1" -noout -ext "$2" | tail -n +2 | sed 's/^ *//'
}
ext_header() {
  openssl x509 -in "$1" -noout -ext "$2" | head -n 1
}
expect_eq() {
  [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}
pubkey_of_cert() { openssl x509 -in "$1" -noout -pubkey; }
pubkey_of_key() { openssl pkey -in "$1" -pubout; }
mode_of() { stat -c %a "$1"; }
epoch_of() { date -u -d "$1" +%s; }

# check_key_type CERT TYPE: the certificate's public key is of TYPE.
check_key_type() {
  local text
  text=$(openssl x509 -in "$1" -noout -text)
  case $2 in
    rsa2048|rsa3072)
      grep -q 'Public Key Algorithm: rsaEncryption' <<<"$text" || fail "$1: not an RSA key"
      grep -q "Public-Key: (${2#rsa} bit)" <<<"$text" || fail "$1: RSA key is not ${2#rsa} bits" ;;
    p256)
      grep -q 'Public Key Algorithm: id-ecPublicKey' <<<"$text" || fail "$1: not an EC key"
      grep -q 'ASN1 OID: prime256v1' <<<"$text" || fail "$1: EC key is not on P-256"
      grep -q 'Public-Key: (256 bit)' <<<"$text" || fail "$1: EC key is not 256 bits" ;;
  esac
}
# ca_key_type CA_DIR: rsa2048, rsa3072 or p256, read from the CA certificate.
ca_key_type() {
  local text
  text=$(openssl x509 -in "$1/cacert.pem" -noout -text)
  if grep -q 'id-ecPublicKey' <<<"$text"; then echo p256
  elif grep -q 'Public-Key: (3072 bit)' <<<"$text"; then echo rsa3072
  else echo rsa2048; fi
}
# check_signed_with CERT ALG: the signature algorithm of CERT is ALG.
check_signed_with() {
  expect_eq "$(openssl x509 -in "$1" -noout -text | sed -n 's/^ *Signature Algorithm: //p' | sort -u)" "$2" \
            "$1 signature algorithm"
}
# sig_alg_for KEYTYPE: the SHA-256 signature algorithm a key of KEYTYPE makes.
sig_alg_for() {
  case $1 in p256) echo ecdsa-with-SHA256 ;; *) echo sha256WithRSAEncryption ;; esac
}

# check_ca DIR: DIR holds a well-formed self-signed CA.
check_ca() {
  local d=$1
  local f
  for f in cacert.pem cacert.der cakey.pem; do [ -f "$d/$f" ] || fail "$d: $f missing"; done
  expect_eq "$(ext_header "$d/cacert.pem" basicConstraints)" "X509v3 Basic Constraints: critical" "CA basicConstraints criticality"
  expect_eq "$(ext_value "$d/cacert.pem" basicConstraints)" "CA:TRUE" "CA basicConstraints"
  expect_eq "$(ext_header "$d/cacert.pem" keyUsage)" "X509v3 Key Usage: critical" "CA keyUsage criticality"
  expect_eq "$(ext_value "$d/cacert.pem" keyUsage)" "Certificate Sign, CRL Sign" "CA keyUsage"
  expect_eq "$(openssl x509 -in "$d/cacert.pem" -noout -subject | sed 's/^subject=//')" \
            "$(openssl x509 -in "$d/cacert.pem" -noout -issuer | sed 's/^issuer=//')" "CA issuer (self-signed)"
  ok openssl verify -x509_strict -CAfile "$d/cacert.pem" "$d/cacert.pem"
  grep -q ': OK$' "$T/out" || fail "$d: CA does not verify against itself"
  openssl x509 -in "$d/cacert.pem" -outform DER | cmp -s - "$d/cacert.der" || fail "$d: cacert.der differs from cacert.pem"
  head -n 1 "$d/cakey.pem" | grep -qx -- '-----BEGIN PRIVATE KEY-----' || fail "$d: cakey.pem is not unencrypted PKCS#8 PEM"
  expect_eq "$(mode_of "$d/cakey.pem")" 600 "cakey.pem mode"
  [ "$(pubkey_of_key "$d/cakey.pem")" = "$(pubkey_of_cert "$d/cacert.pem")" ] || fail "$d: cakey.pem does not match cacert.pem"
}

# check_leaf DIR NAME CA_DIR KEYTYPE P12PASS: the full set of files for NAME.
check_leaf() {
  local d=$1 n=$2 ca=$3 kt=$4 pass=$5 f
  for f in "$n.pem" "$n.der" "$n.key" "$n.p8.der" "$n.p12" "$n-chain.pem"; do
    [ -f "$d/$f" ] || fail "missing output $d/$f"
  done
  local cert=$d/$n.pem
  expect_eq "$(ext_header "$cert" basicConstraints)" "X509v3 Basic Constraints: critical" "leaf basicConstraints criticality"
  expect_eq "$(ext_value "$cert" basicConstraints)" "CA:FALSE" "leaf basicConstraints"
  expect_eq "$(ext_header "$cert" keyUsage)" "X509v3 Key Usage: critical" "leaf keyUsage criticality"
  if [ "$kt" = p256 ]; then
    expect_eq "$(ext_value "$cert" keyUsage)" "Digital Signature" "EC leaf keyUsage"
  else
    expect_eq "$(ext_value "$cert" keyUsage)" "Digital Signature, Key Encipherment" "RSA leaf keyUsage"
  fi
  expect_eq "$(ext_value "$cert" extendedKeyUsage)" \
            "TLS Web Server Authentication, TLS Web Client Authentication" "leaf extendedKeyUsage"
  expect_eq "$(openssl x509 -in "$cert" -noout -subject -nameopt RFC2253)" "subject=CN=$n" "leaf subject"
  expect_eq "$(openssl x509 -in "$cert" -noout -issuer)" \
            "$(openssl x509 -in "$ca/cacert.pem" -noout -subject | sed 's/^subject=/issuer=/')" "leaf issuer"
  check_key_type "$cert" "$kt"
  check_signed_with "$cert" "$(sig_alg_for "$(ca_key_type "$ca")")"
  # Encodings.
  openssl x509 -in "$cert" -outform DER | cmp -s - "$d/$n.der" || fail "$n.der differs from $n.pem"
  head -n 1 "$d/$n.key" | grep -qx -- '-----BEGIN PRIVATE KEY-----' || fail "$n.key is not unencrypted PKCS#8 PEM"
  expect_eq "$(mode_of "$d/$n.key")" 600 "$n.key mode"
  expect_eq "$(mode_of "$d/$n.p8.der")" 600 "$n.p8.der mode"
  expect_eq "$(mode_of "$d/$n.p12")" 600 "$n.p12 mode"
  [ "$(pubkey_of_key "$d/$n.key")" = "$(pubkey_of_cert "$cert")" ] || fail "$n.key does not match $n.pem"
  # PKCS#8 DER: PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING }.
  local asn
  asn=$(openssl asn1parse -inform DER -in "$d/$n.p8.der")
  sed -n 2p <<<"$asn" | grep -q 'prim: INTEGER *:00$' || fail "$n.p8.der: no PKCS#8 version 0"
  sed -n 3p <<<"$asn" | grep -q 'cons: SEQUENCE' || fail "$n.p8.der: no AlgorithmIdentifier"
  if [ "$kt" = p256 ]; then
    sed -n 4p <<<"$asn" | grep -q ':id-ecPublicKey$' || fail "$n.p8.der: not an EC PrivateKeyInfo"
  else
    sed -n 4p <<<"$asn" | grep -q ':rsaEncryption$' || fail "$n.p8.der: not an RSA PrivateKeyInfo"
  fi
  [ "$(openssl pkey -inform DER -in "$d/$n.p8.der" -pubout)" = "$(pubkey_of_cert "$cert")" ] ||
    fail "$n.p8.der does not match $n.pem"
  # Chain: leaf then CA, verifiable.
  cat "$cert" "$ca/cacert.pem" | cmp -s - "$d/$n-chain.pem" || fail "$n-chain.pem is not leaf + CA"
  # PKCS#12: opens with the password, holds this leaf, its key and the CA.
  ok openssl pkcs12 -in "$d/$n.p12" -passin "pass:$pass" -nokeys -clcerts
  openssl x509 -in "$T/out" -outform DER | cmp -s - "$d/$n.der" || fail "$n.p12: leaf certificate differs"
  ok openssl pkcs12 -in "$d/$n.p12" -passin "pass:$pass" -nokeys -cacerts
  openssl x509 -in "$T/out" -outform DER | cmp -s - "$ca/cacert.der" || fail "$n.p12: CA certificate differs"
  ok openssl pkcs12 -in "$d/$n.p12" -passin "pass:$pass" -nocerts -nodes
  [ "$(openssl pkey -in "$T/out" -pubout)" = "$(pubkey_of_cert "$cert")" ] || fail "$n.p12: key does not match"
  refused '!0' '.' openssl pkcs12 -in "$d/$n.p12" -passin "pass:${pass}wrong" -noout
}

# verify_ok CA_DIR CERT
verify_ok() {
  ok openssl verify -x509_strict -purpose sslclient -CAfile "$1/cacert.pem" "$2"
  ok openssl verify -x509_strict -purpose sslserver -CAfile "$1/cacert.pem" "$2"
}

# ---------------------------------------------------------------- makeCA

case_ca_default() {
  ok "$makeCA"
  check_ca demoCA
  check_key_type demoCA/cacert.pem rsa2048
  check_signed_with demoCA/cacert.pem sha256WithRSAEncryption
  openssl x509 -in demoCA/cacert.pem -noout -subject | grep -Eq '^subject=CN = credsvc test CA [0-9a-f]{8}$' ||
    fail "default subject is not 'credsvc test CA <id>'"
  # Default validity 3650 days.
  ok openssl x509 -in demoCA/cacert.pem -noout -checkend $((3649 * 86400))
  refused 1 '' openssl x509 -in demoCA/cacert.pem -noout -checkend $((3651 * 86400))
  # The CA directory holds only the CA files.
  expect_eq "$(ls demoCA | tr '\n' ' ')" "cacert.der cacert.pem cakey.pem " "CA directory contents"
}

case_ca_options() {
  ok "$makeCA" --key p256 --days 30 --subject "/CN=Interop Root/O=SIPit" "$T/work/sub/ca"
  check_ca sub/ca
  check_key_type sub/ca/cacert.pem p256
  check_signed_with sub/ca/cacert.pem ecdsa-with-SHA256
  expect_eq "$(openssl x509 -in sub/ca/cacert.pem -noout -subject -nameopt RFC2253)" "subject=O=SIPit,CN=Interop Root" "subject"
  ok openssl x509 -in sub/ca/cacert.pem -noout -checkend $((29 * 86400))
  refused 1 '' openssl x509 -in sub/ca/cacert.pem -noout -checkend $((31 * 86400))
  # --opt=value form.
  ok "$makeCA" --key=rsa3072 --days=10 ca3072
  check_ca ca3072
  check_key_type ca3072/cacert.pem rsa3072
  check_signed_with ca3072/cacert.pem sha256WithRSAEncryption
}

case_ca_fresh_key() {
  ok "$makeCA" one
  ok "$makeCA" two
  [ "$(pubkey_of_cert one/cacert.pem)" != "$(pubkey_of_cert two/cacert.pem)" ] || fail "two CAs share a key"
  [ "$(openssl x509 -in one/cacert.pem -noout -subject)" != "$(openssl x509 -in two/cacert.pem -noout -subject)" ] ||
    fail "two default CAs share a subject"
}

case_ca_refuses_overwrite() {
  ok "$makeCA" ca
  cp ca/cacert.pem "$T/before.pem"
  cp ca/cakey.pem "$T/before.key"
  refused 1 "^makeCA: .*already exists.*--force" "$makeCA" ca
  cmp -s ca/cacert.pem "$T/before.pem" || fail "refused makeCA changed cacert.pem"
  cmp -s ca/cakey.pem "$T/before.key" || fail "refused makeCA changed cakey.pem"
  # A key alone also counts as an existing CA.
  mkdir keyonly && cp "$T/before.key" keyonly/cakey.pem
  refused 1 "already exists" "$makeCA" keyonly
  ok "$makeCA" --force ca
  check_ca ca
  [ "$(pubkey_of_cert ca/cacert.pem)" != "$(pubkey_of_cert "$T/before.pem")" ] || fail "--force kept the old key"
}

case_ca_usage() {
  ok "$makeCA" --help
  grep -q '^Usage: makeCA' "$T/out" || fail "--help does not print usage on stdout"
  [ ! -e demoCA ] || fail "--help created a CA"
  refused 2 "^makeCA: unknown option '--bogus'" "$makeCA" --bogus
  grep -q '^Usage: makeCA' "$T/err" || fail "bad option does not print usage on stderr"
  [ ! -s "$T/out" ] || fail "bad option printed to stdout"
  refused 2 "invalid --key 'rsa1024'" "$makeCA" --key rsa1024
  refused 2 "invalid --days 'ten'" "$makeCA" --days ten
  refused 2 "invalid --days '0'" "$makeCA" --days 0
  refused 2 "invalid --subject" "$makeCA" --subject "CN=no slash"
  refused 2 "needs a value" "$makeCA" --key
  refused 2 "too many arguments|unexpected argument" "$makeCA" a b
  refused 1 "openssl not found" env OPENSSL="$T/no-such-openssl" "$makeCA"
  [ ! -e demoCA ] || fail "failed makeCA left a CA behind"
}

# ---------------------------------------------------------------- makeCert

case_cert_user() {
  ok "$makeCA" --days 100
  ok "$makeCert" alice@example.com
  check_leaf demoCA alice@example.com demoCA rsa2048 ""
  expect_eq "$(ext_value demoCA/alice@example.com.pem subjectAltName)" \
            "URI:sip:alice@example.com, URI:sips:alice@example.com" "user subjectAltName"
  verify_ok demoCA demoCA/alice@example.com.pem
  # Default validity 365 days.
  ok openssl x509 -in demoCA/alice@example.com.pem -noout -checkend $((364 * 86400))
  refused 1 '' openssl x509 -in demoCA/alice@example.com.pem -noout -checkend $((366 * 86400))
}

case_cert_host() {
  ok "$makeCA"
  ok "$makeCert" sip.example.net 30
  check_leaf demoCA sip.example.net demoCA rsa2048 ""
  expect_eq "$(ext_value demoCA/sip.example.net.pem subjectAltName)" "DNS:sip.example.net" "host subjectAltName"
  verify_ok demoCA demoCA/sip.example.net.pem
  ok openssl verify -x509_strict -CAfile demoCA/cacert.pem -verify_hostname sip.example.net demoCA/sip.example.net.pem
  refused '!0' '' openssl verify -CAfile demoCA/cacert.pem -verify_hostname other.example.net demoCA/sip.example.net.pem
  ok openssl x509 -in demoCA/sip.example.net.pem -noout -checkend $((29 * 86400))
  refused 1 '' openssl x509 -in demoCA/sip.example.net.pem -noout -checkend $((31 * 86400))
  # Single-label names such as localhost are hosts too.
  ok "$makeCert" localhost
  expect_eq "$(ext_value demoCA/localhost.pem subjectAltName)" "DNS:localhost" "localhost subjectAltName"
}

case_cert_expired() {
  ok "$makeCA"
  ok "$makeCert" bob@example.org 0
  ok "$makeCert" expired.example.org 0
  local c nb na now
  for c in demoCA/bob@example.org.pem demoCA/expired.example.org.pem; do
    refused 1 '' openssl x509 -in "$c" -noout -checkend 0
    refused '!0' '' openssl verify -CAfile demoCA/cacert.pem "$c"
    grep -q 'certificate has expired' "$T/out" "$T/err" || fail "$c: openssl verify does not report expiry"
    nb=$(epoch_of "$(openssl x509 -in "$c" -noout -startdate | cut -d= -f2)")
    na=$(epoch_of "$(openssl x509 -in "$c" -noout -enddate | cut -d= -f2)")
    now=$(date -u +%s)
    if [ "$nb" -ge "$na" ] || [ "$na" -ge "$now" ]; then
      fail "$c: validity is not a past interval ($nb..$na, now $now)"
    fi
  done
  # Apart from the dates it is a complete, well-formed set.
  check_leaf demoCA bob@example.org demoCA rsa2048 ""
  # Leading zeros are decimal, not octal.
  ok "$makeCert" nine.example.org 09
  ok openssl x509 -in demoCA/nine.example.org.pem -noout -checkend $((8 * 86400))
  refused 1 '' openssl x509 -in demoCA/nine.example.org.pem -noout -checkend $((10 * 86400))
}

case_cert_key_types() {
  local kt
  for kt in rsa2048 rsa3072 p256; do
    ok "$makeCA" --key "$kt" "ca-$kt"
    check_key_type "ca-$kt/cacert.pem" "$kt"
    check_signed_with "ca-$kt/cacert.pem" "$(sig_alg_for "$kt")"
    ok "$makeCert" --ca "ca-$kt" --key "$kt" "u-$kt@example.com"
    check_leaf "ca-$kt" "u-$kt@example.com" "ca-$kt" "$kt" ""
    verify_ok "ca-$kt" "ca-$kt/u-$kt@example.com.pem"
  done
  # Leaf and CA key types are independent.
  ok "$makeCert" --ca ca-p256 --key rsa2048 mixed.example.com
  check_key_type ca-p256/mixed.example.com.pem rsa2048
  check_signed_with ca-p256/mixed.example.com.pem ecdsa-with-SHA256
  verify_ok ca-p256 ca-p256/mixed.example.com.pem
  # The default leaf key is rsa2048, whatever the CA's.
  ok "$makeCert" --ca ca-p256 default.example.com
  check_key_type ca-p256/default.example.com.pem rsa2048
}

case_cert_p12() {
  ok "$makeCA"
  ok "$makeCert" --p12-pass 's3cr3t word' carol@example.com
  check_leaf demoCA carol@example.com demoCA rsa2048 's3cr3t word'
  ok env MAKECERT_P12_PASS=fromenv "$makeCert" dave@example.com
  check_leaf demoCA dave@example.com demoCA rsa2048 fromenv
  # The option wins over the environment.
  ok env MAKECERT_P12_PASS=fromenv "$makeCert" --p12-pass=fromopt erin@example.com
  check_leaf demoCA erin@example.com demoCA rsa2048 fromopt
  # Default: AES-256 PBES2; --p12-legacy: 3DES with a SHA-1 MAC.
  ok openssl pkcs12 -in demoCA/carol@example.com.p12 -passin 'pass:s3cr3t word' -info -noout
  cat "$T/out" "$T/err" >"$T/info"
  grep -q 'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC' "$T/info" || fail "default PKCS#12 key bag is not AES-256 PBES2"
  ok "$makeCert" --p12-legacy --p12-pass old legacy.example.com
  check_leaf demoCA legacy.example.com demoCA rsa2048 old
  ok openssl pkcs12 -in demoCA/legacy.example.com.p12 -passin pass:old -info -noout
  cat "$T/out" "$T/err" >"$T/info"
  grep -q 'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC' "$T/info" || fail "--p12-legacy key bag is not 3DES"
  grep -q 'MAC: sha1' "$T/info" || fail "--p12-legacy MAC is not SHA-1"
}

case_cert_dirs() {
  # Relative --ca and --out, from a working directory unrelated to the scripts.
  mkdir -p a/b c
  (cd a/b && ok "$makeCA" ../../ca)
  (cd c && ok "$makeCert" --ca ../ca --out ../certs/users frank@example.com 5)
  check_leaf certs/users frank@example.com ca rsa2048 ""
  verify_ok ca certs/users/frank@example.com.pem
  [ ! -e ca/frank@example.com.pem ] || fail "--out ignored: certificate written to the CA directory"
  [ ! -e c/demoCA ] || fail "makeCert created a demoCA"
  # Re-issuing replaces the files with a new key and a new serial.
  cp certs/users/frank@example.com.pem "$T/first.pem"
  (cd c && ok "$makeCert" --ca ../ca --out ../certs/users frank@example.com)
  [ "$(pubkey_of_cert "$T/first.pem")" != "$(pubkey_of_cert certs/users/frank@example.com.pem)" ] ||
    fail "re-issue kept the old key"
  [ "$(openssl x509 -in "$T/first.pem" -noout -serial)" != \
    "$(openssl x509 -in certs/users/frank@example.com.pem -noout -serial)" ] || fail "re-issue reused the serial"
  check_leaf certs/users frank@example.com ca rsa2048 ""
  # makeCert keeps no state in the CA directory.
  expect_eq "$(ls ca | tr '\n' ' ')" "cacert.der cacert.pem cakey.pem " "CA directory after makeCert --out"
}

case_cert_parallel() {
  ok "$makeCA" --key p256
  local pids=() i
  for i in 1 2 3 4; do
    "$makeCert" --key p256 "user$i@example.com" >"$T/par$i.log" 2>&1 & pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { cat "$T/par$((i + 1)).log" >&2; fail "parallel makeCert $((i + 1)) failed"; }
  done
  for i in 1 2 3 4; do
    check_leaf demoCA "user$i@example.com" demoCA p256 ""
    verify_ok demoCA "demoCA/user$i@example.com.pem"
    openssl x509 -in "demoCA/user$i@example.com.pem" -noout -serial >>"$T/serials"
  done
  expect_eq "$(sort -u "$T/serials" | wc -l)" 4 "distinct serials of 4 parallel certificates"
}

case_cert_errors() {
  ok "$makeCert" --help
  grep -q '^Usage: makeCert' "$T/out" || fail "--help does not print usage on stdout"
  # Missing CA.
  refused 1 "^makeCert: no CA directory './demoCA'" "$makeCert" alice@example.com
  mkdir empty
  refused 1 "^makeCert: no CA certificate 'empty/cacert.pem'" "$makeCert" --ca empty alice@example.com
  ok "$makeCA"
  # Invalid names; nothing may be written for them.
  local n
  for n in "bad name" "a@" "@example.com" "a@b@example.com" "x@-bad.example.com" "x@bad-.example.com" \
           "../escape" "a/b" "x@exa mple.com" ".dot@example.com" "x@example..com" "x@" \
           'x$y@example.com' "host_name.example.com" "$(printf 'a%.0s' {1..60})@example.com"; do
    refused 2 "^makeCert: (invalid|name .* longer)" "$makeCert" "$n"
  done
  # Non-numeric DAYS.
  refused 2 "^makeCert: invalid DAYS 'ten'" "$makeCert" alice@example.com ten
  refused 2 "^makeCert: invalid DAYS '1.5'" "$makeCert" alice@example.com 1.5
  # Options and arguments.
  refused 2 "^makeCert: unknown option '--bogus'" "$makeCert" --bogus alice@example.com
  grep -q '^Usage: makeCert' "$T/err" || fail "bad option does not print usage on stderr"
  refused 2 "^makeCert: invalid --key 'ed25519'" "$makeCert" --key ed25519 alice@example.com
  refused 2 "^makeCert: missing NAME" "$makeCert"
  refused 2 "^makeCert: too many arguments" "$makeCert" alice@example.com 5 6
  refused 2 "needs a value" "$makeCert" alice@example.com --ca
  # The CA's own files cannot be overwritten.
  refused 1 "would overwrite the CA" "$makeCert" cacert
  check_ca demoCA
  # openssl missing: named by OPENSSL, or absent from PATH.
  refused 1 "^makeCert: openssl not found" env OPENSSL="$T/no-such-openssl" "$makeCert" alice@example.com
  mkdir emptybin
  refused 1 "^makeCert: openssl not found" env PATH="$T/work/emptybin" "$BASH" "$makeCert" alice@example.com
  # A failing openssl step is reported in one line naming the step.
  printf 'not a certificate\n' >bad-ca.pem
  mkdir badca && cp bad-ca.pem badca/cacert.pem && cp demoCA/cakey.pem badca/cakey.pem
  refused 1 "^makeCert: signing the certificate with the CA in 'badca' failed" "$makeCert" --ca badca alice@example.com
  [ "$(wc -l <"$T/err")" -eq 1 ] || fail "openssl failure is not reported in one line"
  # None of the above wrote a certificate.
  expect_eq "$(ls demoCA | tr '\n' ' ')" "cacert.der cacert.pem cakey.pem " "CA directory after failures"
  expect_eq "$(ls badca | tr '\n' ' ')" "cacert.pem cakey.pem " "bad CA directory after failure"
}

# ---------------------------------------------------------------- driver

if ! declare -F "case_$case_name" >/dev/null; then
  echo "unknown case '$case_name'; cases:" >&2
  declare -F | sed -n 's/^declare -f case_/  /p' >&2
  exit 2
fi
"case_$case_name"
leftover=$(find "$T/tmp" -mindepth 1 -print -quit)
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"
echo "PASS [$case_name]"
