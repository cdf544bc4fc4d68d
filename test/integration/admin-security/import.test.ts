import { ADMIN_CALLS, adminSecuritySuite } from "../../support/admin-security";

adminSecuritySuite(ADMIN_CALLS.import);
