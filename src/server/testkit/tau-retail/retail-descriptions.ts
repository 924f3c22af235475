/** Parameter descriptions several tools share, worded as τ-bench's get_info() words them. */
export const orderIdParameter = {
  type: 'string',
  description: "The order id, such as '#W0000000'. Be careful there is a '#' symbol at the beginning of the order id.",
};

export const userIdParameter = { type: 'string', description: "The user id, such as 'sara_doe_496'." };

export const paymentMethodParameter = {
  type: 'string',
  description:
    "The payment method id to pay or receive refund for the item price difference, such as 'gift_card_0000000' or 'credit_card_0000000'. These can be looked up from the user or order details.",
};

/** The six address fields, in get_info()'s order. */
export const addressParameters = {
  address1: { type: 'string', description: "The first line of the address, such as '123 Main St'." },
  address2: { type: 'string', description: "The second line of the address, such as 'Apt 1' or ''." },
  city: { type: 'string', description: "The city, such as 'San Francisco'." },
  state: { type: 'string', description: "The state, such as 'CA'." },
  country: { type: 'string', description: "The country, such as 'USA'." },
  zip: { type: 'string', description: "The zip code, such as '12345'." },
};
