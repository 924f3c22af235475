/**
 * Hand-picked tool call sequences beyond the tasks' ground truth: look-ups, every kind of error
 * text, Python's number quirks (an int gift card balance, a zero-item price difference). Tests run
 * them through the TS tools and, when python3 is on the machine, through τ-bench's own Python.
 */
export interface RetailScenarioCall {
  name: string;
  kwargs: Record<string, unknown>;
}

export const retailScenarios: Record<string, RetailScenarioCall[]> = {
  lookups: [
    { name: 'find_user_id_by_email', kwargs: { email: 'OMAR.Kim8981@example.com' } },
    { name: 'find_user_id_by_email', kwargs: { email: 'nobody@example.com' } },
    { name: 'find_user_id_by_name_zip', kwargs: { first_name: 'ava', last_name: 'MOORE', zip: '78234' } },
    { name: 'get_user_details', kwargs: { user_id: 'omar_kim_3528' } },
    { name: 'get_user_details', kwargs: { user_id: 'nobody' } },
    { name: 'get_order_details', kwargs: { order_id: '#W4817420' } },
    { name: 'get_order_details', kwargs: { order_id: 'W4817420' } },
    { name: 'get_product_details', kwargs: { product_id: '9523456873' } },
    { name: 'get_product_details', kwargs: { product_id: '1801728040' } },
    { name: 'get_product_details', kwargs: { product_id: '1' } },
    { name: 'list_all_product_types', kwargs: {} },
    { name: 'think', kwargs: { thought: 'nothing to do' } },
    { name: 'transfer_to_human_agents', kwargs: { summary: 'wants a human' } },
  ],
  calculate: [
    '2 + 2',
    '10 / 3',
    '1/0',
    '1.0/0',
    '7 // 2',
    '-7 // 2',
    '2 ** 10',
    '0.125 + 0',
    '0.375 * 1',
    '1e5',
    '01',
    '1 2',
    '()',
    '(-8) ** 0.5',
    '100000000000000000 * 10',
    '0.00001 * 1',
    '1234.5678 - 0.0078',
    '  ',
  ].map((expression) => ({ name: 'calculate', kwargs: { expression } })),
  refusals: [
    { name: 'cancel_pending_order', kwargs: { order_id: '#W0000000', reason: 'no longer needed' } },
    { name: 'cancel_pending_order', kwargs: { order_id: '#W2611340', reason: 'no longer needed' } },
    { name: 'cancel_pending_order', kwargs: { order_id: '#W6779827', reason: 'too expensive' } },
    {
      name: 'modify_pending_order_address',
      kwargs: { order_id: '#W4817420', address1: 'a', address2: '', city: 'c', state: 's', country: 'USA', zip: '1' },
    },
    {
      name: 'modify_pending_order_items',
      kwargs: { order_id: '#W6779827', item_ids: ['1'], new_item_ids: ['2'], payment_method_id: 'gift_card_7219486' },
    },
    {
      name: 'modify_pending_order_items',
      kwargs: {
        order_id: '#W6779827',
        item_ids: ['7896397433'],
        new_item_ids: [],
        payment_method_id: 'gift_card_7219486',
      },
    },
    {
      name: 'modify_pending_order_items',
      kwargs: {
        order_id: '#W6779827',
        item_ids: ['7896397433'],
        new_item_ids: ['1'],
        payment_method_id: 'gift_card_7219486',
      },
    },
    { name: 'modify_pending_order_payment', kwargs: { order_id: '#W6779827', payment_method_id: 'gift_card_7219486' } },
    { name: 'modify_pending_order_payment', kwargs: { order_id: '#W6779827', payment_method_id: 'paypal_0000000' } },
    {
      name: 'exchange_delivered_order_items',
      kwargs: { order_id: '#W6779827', item_ids: [], new_item_ids: [], payment_method_id: 'gift_card_8168843' },
    },
    {
      name: 'exchange_delivered_order_items',
      kwargs: {
        order_id: '#W4817420',
        item_ids: ['1', '1'],
        new_item_ids: ['2', '2'],
        payment_method_id: 'gift_card_8168843',
      },
    },
    {
      name: 'return_delivered_order_items',
      kwargs: { order_id: '#W4817420', item_ids: [], payment_method_id: 'credit_card_0000000' },
    },
    {
      name: 'return_delivered_order_items',
      kwargs: { order_id: '#W4817420', item_ids: ['1'], payment_method_id: 'gift_card_8168843' },
    },
    {
      name: 'modify_user_address',
      kwargs: { user_id: 'nobody', address1: 'a', address2: '', city: 'c', state: 's', country: 'USA', zip: '1' },
    },
  ],
  intBalance: [
    { name: 'modify_pending_order_payment', kwargs: { order_id: '#W1080318', payment_method_id: 'gift_card_3749819' } },
    { name: 'cancel_pending_order', kwargs: { order_id: '#W1080318', reason: 'ordered by mistake' } },
    { name: 'get_user_details', kwargs: { user_id: 'omar_kim_3528' } },
  ],
  zeroItems: [
    {
      name: 'modify_pending_order_items',
      kwargs: { order_id: '#W6779827', item_ids: [], new_item_ids: [], payment_method_id: 'gift_card_7219486' },
    },
    {
      name: 'exchange_delivered_order_items',
      kwargs: { order_id: '#W4817420', item_ids: [], new_item_ids: [], payment_method_id: 'gift_card_8168843' },
    },
    {
      name: 'return_delivered_order_items',
      kwargs: { order_id: '#W4817420', item_ids: [], payment_method_id: 'gift_card_8168843' },
    },
  ],
  addresses: [
    {
      name: 'modify_user_address',
      kwargs: {
        user_id: 'ava_moore_2033',
        address1: "1 O'Hare Way",
        address2: 'Apt "2"',
        city: 'Zürich',
        state: 'ZH',
        country: 'CH',
        zip: '8001',
      },
    },
    {
      name: 'modify_pending_order_address',
      kwargs: {
        order_id: '#W6779827',
        address1: '1 Main St',
        address2: '',
        city: 'Austin',
        state: 'TX',
        country: 'USA',
        zip: '78701',
      },
    },
  ],
};
