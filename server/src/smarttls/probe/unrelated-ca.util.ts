/**
 * A CA nobody uses, set as the only trust anchor of the probes that read the certificate chain:
 * with it, getPeerCertificate(true) shows only what the server sent instead of a chain completed
 * from the local trust store. Its private key was thrown away.
 */
export const UNRELATED_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBpDCCAUmgAwIBAgIUAj4WblMDHHB4ckbvj/kz2fyqVCIwCgYIKoZIzj0EAwIw
JjEkMCIGA1UEAwwbWmVnZWwgcHJvYmU6IHRydXN0cyBub3RoaW5nMCAXDTI2MTEy
MzE5MzkzNVoYDzIxMjYxMDMwMTkzOTM1WjAmMSQwIgYDVQQDDBtaZWdlbCBwcm9i
ZTogdHJ1c3RzIG5vdGhpbmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQP3SWu
TbGfKT59dF+qA0c/RPQv3p9NehJxkodO2zE+VH3uDCG7Lo+G/mYw1NctTnJIqsn+
agbnvRBrmLMYaEKvo1MwUTAdBgNVHQ4EFgQUxj0rpCewmnsd7qWCXNJVQB/eqn4w
HwYDVR0jBBgwFoAUxj0rpCewmnsd7qWCXNJVQB/eqn4wDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNJADBGAiEAoedqJTNlQnCvLvLuYxkGf8P2IJeEPK+yTUr1
+pBMnGgCIQCEovcQSdPvQxGuqO81fqFr06zlXQSHxj+HYGmj5llknQ==
-----END CERTIFICATE-----`;
