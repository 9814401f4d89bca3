// libolm (Debian's libolm-dev): Olm and Megolm for sitrep's Matrix end-to-end encryption.
#include <olm/olm.h>
#include <olm/inbound_group_session.h>
#include <olm/outbound_group_session.h>
