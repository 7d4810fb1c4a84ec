/**
 * The part of Excel's custom-functions runtime the registration uses (functions.ts), as documented in
 * https://learn.microsoft.com/javascript/api/custom-functions-runtime (CustomFunctionsRuntime 1.1):
 * `associate`, `Error` with an `ErrorCode`, and `StreamingInvocation` (setResult, onCanceled,
 * isInValuePreview). The runtime defines the global; no npm package is needed for it.
 */
declare namespace CustomFunctions {
  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
  }
  class Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
    message?: string;
  }
  interface Invocation {
    functionName?: string;
    /** True when Excel calls the function for formula value preview. */
    isInValuePreview?: boolean;
  }
  interface CancelableInvocation extends Invocation {
    onCanceled?: () => void;
  }
  interface StreamingInvocation<ResultType> extends CancelableInvocation {
    setResult: (value: ResultType | Error) => void;
  }
  function associate(id: string, functionObject: (...args: never[]) => unknown): void;
}
