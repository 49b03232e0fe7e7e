#include "http/address_view.hpp"

#include "db/credential_table.hpp"
#include "db/user_table.hpp"

namespace credsvc::http {

AddressView read_address(pqxx::transaction_base& tx, const std::string& aor) {
  return AddressView{db::get_user(tx, aor), db::get_credential(tx, aor), db::list_revoked_keys(tx, aor)};
}

}  // namespace credsvc::http
