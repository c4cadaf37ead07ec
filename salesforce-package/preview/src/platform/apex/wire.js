// Apex methods as Lightning gives them to components: callable imperatively, and usable with @wire through the
// `adapter` property LWC's engine looks for. A wired result remembers its adapter so refreshApex can ask again.

const adapterOfResult = new WeakMap();

function isComplete(config) {
  return !!config && Object.values(config).every((value) => value !== undefined);
}

function apexWireAdapter(method) {
  return class ApexWireAdapter {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.config = undefined;
      this.connected = false;
      // Only the answer to the latest request is emitted, as Lightning's cache would hold only the latest.
      this.request = 0;
    }

    connect() {
      this.connected = true;
      if (this.config) this.fetch();
    }

    disconnect() {
      this.connected = false;
      this.request += 1;
    }

    update(config) {
      if (!isComplete(config)) return;
      this.config = { ...config };
      if (this.connected) this.fetch();
    }

    async fetch() {
      this.request += 1;
      const request = this.request;
      let result;
      try {
        result = { data: await method(this.config), error: undefined };
      } catch (error) {
        result = { data: undefined, error };
      }
      if (request !== this.request || !this.connected) return;
      adapterOfResult.set(result, this);
      this.dataCallback(result);
    }
  };
}

/** The default export of `@salesforce/apex/<Class>.<method>`. */
export function apexMethod(method) {
  const call = (params) => method(params || {});
  call.adapter = apexWireAdapter(call);
  return call;
}

/** `refreshApex` from `@salesforce/apex`: asks the server again for the value a wire provisioned. */
export function refreshApex(wiredResult) {
  const adapter = wiredResult && adapterOfResult.get(wiredResult);
  return adapter && adapter.config ? adapter.fetch() : Promise.resolve();
}
