package id.go.bkn.epupns.captcha;

import io.vertx.core.Future;

/**
 * What other features need of the captcha: consume one answer. Requests name the fields
 * {@code captchaId} and {@code captchaAnswer}.
 */
public interface CaptchaVerifier {

  String ID_FIELD = "captchaId";
  String ANSWER_FIELD = "captchaAnswer";

  /**
   * Checks the answer and uses the captcha up, right or wrong. Fails with a 422 ApiError
   * (CAPTCHA_EXPIRED, CAPTCHA_USED or CAPTCHA_WRONG) unless the answer is right.
   */
  Future<Void> consume(String id, String answer);
}
