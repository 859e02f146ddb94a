// Certificates as code: Cisco PCA, AppViewX CERT+, NetFoundry Frontdoor and Oracle SBC PKI APIs.
package certplane
