/**
 * One typed error per kind of failure, mapped to an RFC 9457 problem in one place (problem.ts).
 * Handlers and repositories throw these; nothing else decides a status code.
 */

export interface FieldError {
  path: string;
  message: string;
}

/** Base of every error a client may cause. `type` is the last segment of the problem type URI. */
export abstract class HttpProblem extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  readonly errors: FieldError[] | undefined;
  constructor(detail: string, errors?: FieldError[]) {
    super(detail);
    this.errors = errors;
  }
}

/** 400: the request is malformed or fails validation. */
export class ValidationFailed extends HttpProblem {
  readonly status = 400;
  readonly type = 'validation-failed';
  readonly title = 'The request is not valid';
}

/** 400: the body is not JSON. */
export class MalformedJson extends HttpProblem {
  readonly status = 400;
  readonly type = 'malformed-json';
  readonly title = 'The body is not valid JSON';
}

/** 413: the body is larger than any valid request. */
export class PayloadTooLarge extends HttpProblem {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'The body is too large';
}

/** 415: the body is not declared as JSON. */
export class UnsupportedMediaType extends HttpProblem {
  readonly status = 415;
  readonly type = 'unsupported-media-type';
  readonly title = 'The body must be application/json';
}

/** 401: no token, or a token that does not verify. */
export class Unauthenticated extends HttpProblem {
  readonly status = 401;
  readonly type = 'unauthenticated';
  readonly title = 'Authentication is required';
}

/** 403: authenticated but not allowed. */
export class Forbidden extends HttpProblem {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'This role may not do this';
}

/** 404: nothing there, or something that belongs to another tenant (ids leak nothing). */
export class NotFound extends HttpProblem {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';
}

/** 406: the answer cannot be given in a form the request accepts (e.g. a file too large uncompressed). */
export class NotAcceptable extends HttpProblem {
  readonly status = 406;
  readonly type = 'not-acceptable';
  readonly title = 'The answer cannot be given in an accepted form';
}

/** 409: a duplicate, a wrong state, a closed period, a concurrent change. */
export class Conflict extends HttpProblem {
  readonly status = 409;
  readonly title = 'Conflict';
  constructor(
    readonly type: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** 409 `month-closed`: a date in a month closed by payroll. Carries the field, unlike the generic Conflict. */
export class MonthClosed extends HttpProblem {
  readonly status = 409;
  readonly type = 'month-closed';
  readonly title = 'The month is closed';
}

/** 422: a business rule refused the request; `rule` names it (e.g. `convention-required`). */
export class RuleViolated extends HttpProblem {
  readonly status = 422;
  readonly title = 'A business rule refused the request';
  constructor(
    readonly type: string,
    detail: string,
    errors?: FieldError[],
  ) {
    super(detail, errors);
  }
}
