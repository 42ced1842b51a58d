package id.go.bkn.epupns.core.config;

/** Development secrets shipped in config/application.yaml, recognised so that start-up can warn. */
final class AppConfigDefaults {

  static final String DEV_DATA_KEY = "ZGV2LW9ubHktZGF0YS1rZXktMzItYnl0ZXMtbG9uZyE=";
  static final String DEV_PROOF_KEY = "ZGV2LW9ubHktcHJvb2Ytc2lnbmluZy1rZXktMzJieXQ=";

  private AppConfigDefaults() {
  }
}
