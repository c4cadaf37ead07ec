import { BackendError } from '../backend.js';

/**
 * What an AuraHandledException looks like to a component: Lightning hands over `{ status, body: { message } }`, and
 * the components' reduceErrors shows body.message as written. (SdrAccess.failure.)
 */
export function failure(message) {
  return {
    status: 500,
    statusText: 'Server Error',
    ok: false,
    headers: {},
    body: { message, exceptionType: 'System.AuraHandledException', isUserDefinedException: false, stackTrace: null },
  };
}

/**
 * `catch (SdrBackend.BackendException e) { throw SdrAccess.failure(e.getMessage()); }`; anything else as it came.
 * @returns {never}
 */
export function rethrow(error) {
  if (error instanceof BackendError) throw failure(error.message);
  throw error;
}
