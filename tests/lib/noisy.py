"""The checks that report nearly every pod (a memory limit, the service
account and its token): a test about something else leaves them out with
DISABLE, as tests/unit/test_cases.c does for the case files; each has its
own cases."""
CHECKS = "memory-limit,default-service-account,automount-service-account-token"
DISABLE = "--disable=" + CHECKS
